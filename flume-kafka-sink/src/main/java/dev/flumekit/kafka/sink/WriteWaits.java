package dev.flumekit.kafka.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The writes now waiting for Kafka, and since when. A write to a cluster that is down neither fails
 * nor returns for as long as the producer retries (a put or a sink batch blocks, every failure
 * counter stays 0): the age of the oldest write waiting is what shows such an outage.
 */
public final class WriteWaits {
  private final LongSupplier nanoClock;
  private final Map<Wait, Long> started = new ConcurrentHashMap<>();

  public WriteWaits() {
    this(System::nanoTime);
  }

  WriteWaits(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** One write waiting; closing it says it returned (delivered, failed or interrupted). */
  public final class Wait implements AutoCloseable {
    private Wait() {}

    @Override
    public void close() {
      started.remove(this);
    }
  }

  /** A write starts waiting for Kafka now. */
  public Wait begin() {
    Wait w = new Wait();
    started.put(w, nanoClock.getAsLong());
    return w;
  }

  /** How long the oldest write now waiting has waited, in milliseconds; 0 when none waits. */
  public long oldestMillis() {
    long now = nanoClock.getAsLong();
    long oldest = 0;
    for (long since : started.values()) {
      oldest = Math.max(oldest, now - since);
    }
    return oldest / 1_000_000;
  }
}
