package dev.flumekit.interceptor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * Counters of one interceptor, registered as an MBean under {@code org.apache.flume.interceptor}.
 * Interceptors add per batch, not per event, so that counting stays off the per-event path.
 */
public final class InterceptorCounter extends MonitoredCounterGroup
    implements InterceptorCounterMBean {
  private static final String SEEN = "interceptor.events.seen";
  private static final String PASSED = "interceptor.events.passed";
  private static final String DROPPED = "interceptor.events.dropped";
  private static final String FAILED = "interceptor.events.failed";

  /** Names of the counters alive in this JVM, so that two interceptors never share an MBean. */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  private final String name;

  private InterceptorCounter(String name) {
    super(Type.INTERCEPTOR, name, SEEN, PASSED, DROPPED, FAILED);
    this.name = name;
  }

  /**
   * A counter named {@code name}, or {@code name-2}, {@code name-3}, ... when an interceptor that
   * is still open holds that name.
   */
  public static InterceptorCounter named(String name) {
    String unique = name;
    for (int n = 2; !LIVE.add(unique); n++) {
      unique = name + "-" + n;
    }
    return new InterceptorCounter(unique);
  }

  public String name() {
    return name;
  }

  void add(long seen, long passed, long dropped, long failed) {
    addAndGet(SEEN, seen);
    addAndGet(PASSED, passed);
    if (dropped != 0) {
      addAndGet(DROPPED, dropped);
    }
    if (failed != 0) {
      addAndGet(FAILED, failed);
    }
  }

  @Override
  public void stop() {
    super.stop();
    LIVE.remove(name);
  }

  @Override
  public long getEventsSeen() {
    return get(SEEN);
  }

  @Override
  public long getEventsPassed() {
    return get(PASSED);
  }

  @Override
  public long getEventsDropped() {
    return get(DROPPED);
  }

  @Override
  public long getEventsFailed() {
    return get(FAILED);
  }
}
