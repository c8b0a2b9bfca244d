package dev.flumekit.distribution;

import dev.flumekit.testkit.FlumeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Times how long one hop of a pipeline delivers nothing after a fault: polls one counter of an
 * agent's HTTP monitoring (every 100 ms, through restarts of the agent) and notes when it grew.
 * Time to recover is then the time from the fault's end to the first growth after it; for a kill -9
 * followed at once by a new start, from the kill, so the new JVM's start counts.
 */
final class DeliveryWatch implements AutoCloseable {
  private final FlumeMetrics metrics;
  private final String component;
  private final String counter;
  private final List<Long> grewAt = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  DeliveryWatch(FlumeMetrics metrics, String component, String counter) {
    this.metrics = metrics;
    this.component = component;
    this.counter = counter;
    this.poller = new Thread(this::poll, "delivery-watch-" + component);
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    double last = 0;
    double lastStart = -1;
    while (running) {
      long at = System.nanoTime();
      try {
        String json = metrics.fetch();
        OptionalDouble value = FlumeMetrics.value(json, component, counter);
        OptionalDouble start = FlumeMetrics.value(json, component, "StartTime");
        if (value.isPresent() && start.isPresent()) {
          // a new agent counts from 0 again
          if (start.getAsDouble() != lastStart) {
            lastStart = start.getAsDouble();
            last = 0;
          }
          if (value.getAsDouble() > last) {
            last = value.getAsDouble();
            synchronized (grewAt) {
              grewAt.add(at);
            }
          }
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The time from {@code faultEndNanos} until the counter grew, waiting up to {@code timeout}. */
  Duration recoveredAfter(long faultEndNanos, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (grewAt) {
        for (long at : grewAt) {
          if (at >= faultEndNanos) {
            return Duration.ofNanos(at - faultEndNanos);
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(component + " " + counter + " did not grow within " + timeout);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.interrupt();
    poller.join(5_000);
  }
}
