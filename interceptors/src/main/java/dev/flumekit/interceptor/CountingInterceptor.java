package dev.flumekit.interceptor;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flume's interceptor contract around one per-event step: counts every outcome, and turns an
 * unexpected exception into a counted, kept event, because an exception out of {@code
 * intercept(List)} makes the source lose its whole batch.
 *
 * <p>Sources may call an interceptor from several threads at once (HTTP, Avro, syslog); subclasses
 * are immutable and keep any per-thread scratch state in thread locals.
 */
public abstract class CountingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CountingInterceptor.class);
  private static final long ERROR_LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final InterceptorCounter counter;
  private volatile long lastErrorLogNanos = System.nanoTime() - ERROR_LOG_INTERVAL_NANOS;

  protected CountingInterceptor(String counterName) {
    this.counter = InterceptorCounter.named(counterName);
  }

  /** Processes one event in place. Throwing is a bug: it is logged, counted as failed, kept. */
  protected abstract Outcome process(Event event);

  public final InterceptorCounter counter() {
    return counter;
  }

  @Override
  public void initialize() {
    counter.start();
  }

  @Override
  public void close() {
    counter.stop();
  }

  @Override
  public final Event intercept(Event event) {
    if (event == null) {
      return null;
    }
    Outcome outcome = processSafely(event);
    counter.add(1, outcome.kept() ? 1 : 0, outcome.kept() ? 0 : 1, outcome.failed() ? 1 : 0);
    return outcome.kept() ? event : null;
  }

  @Override
  public final List<Event> intercept(List<Event> events) {
    int size = events.size();
    List<Event> kept = null;
    int failed = 0;
    int nulls = 0;
    for (int i = 0; i < size; i++) {
      Event event = events.get(i);
      if (event == null) {
        nulls++;
        if (kept == null) {
          kept = new ArrayList<>(events.subList(0, i));
        }
        continue;
      }
      Outcome outcome = processSafely(event);
      if (outcome.failed()) {
        failed++;
      }
      if (outcome.kept()) {
        if (kept != null) {
          kept.add(event);
        }
      } else if (kept == null) {
        kept = new ArrayList<>(size);
        kept.addAll(events.subList(0, i));
      }
    }
    List<Event> result = kept == null ? events : kept;
    int seen = size - nulls;
    counter.add(seen, result.size(), seen - result.size(), failed);
    return result;
  }

  private Outcome processSafely(Event event) {
    try {
      return process(event);
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      if (now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
        lastErrorLogNanos = now;
        LOG.error(
            "Interceptor {} failed on an event; kept it unchanged (logged once a minute)",
            counter.name(),
            e);
      }
      return Outcome.FAILED_PASSED;
    }
  }
}
