package dev.flumekit.kafka.source;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flume.Event;

/**
 * Writes one batch at a time to the channel on a thread of its own, so that the source polls and
 * decodes the next batch while the channel takes this one: on 2 cores the consumer's record parsing
 * and the channel's put were paid one after the other by one thread. At most one batch is in
 * flight, and the next starts only after it settled, so batches reach the channel in the order
 * polled. The writing thread never touches the consumer.
 */
final class ChannelWriter implements AutoCloseable {
  private final ExecutorService thread;
  private final Consumer<List<Event>> channel;
  private Future<?> writing;

  /**
   * @param channel puts a batch in one channel transaction, or throws
   */
  ChannelWriter(String sourceName, Consumer<List<Event>> channel) {
    this.channel = channel;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              // named so that thread dumps and per-thread CPU show it as the source's
              Thread t = new Thread(task, "PollableSourceRunner-" + sourceName + "-channel");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts writing {@code events}; only when no batch is in flight ({@link #busy()} false). */
  void write(List<Event> events) {
    if (writing != null) {
      throw new IllegalStateException("a batch is still in flight");
    }
    writing = thread.submit(() -> channel.accept(events));
  }

  boolean busy() {
    return writing != null;
  }

  /**
   * Waits for the batch in flight; afterwards none is. Returns null if the channel took it, else
   * why not (the channel rolled the whole batch back).
   *
   * @throws InterruptedException if interrupted while waiting: the batch is still in flight
   */
  RuntimeException settle() throws InterruptedException {
    if (writing == null) {
      return null;
    }
    try {
      writing.get();
      return null;
    } catch (ExecutionException e) {
      return failure(e.getCause());
    } catch (CancellationException e) {
      return e;
    } finally {
      if (writing.isDone()) {
        writing = null;
      }
    }
  }

  /**
   * As {@link #settle()}, ignoring interrupts for up to {@code timeoutMillis} (at stop, where the
   * runner's interrupt must not leave a batch's fate unknown).
   *
   * @throws TimeoutException if the batch is still in flight after that
   */
  RuntimeException settleAtStop(long timeoutMillis) throws TimeoutException {
    if (writing == null) {
      return null;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          writing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          writing = null;
          return null;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          writing = null;
          return failure(e.getCause());
        } catch (CancellationException e) {
          writing = null;
          return e;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException failure(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(cause);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
