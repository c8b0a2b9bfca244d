package dev.flumekit.kafka.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The writes now waiting for Kafka, and since when. A write to a cluster that is down neither fails
 * nor returns for as long as the producer retries (a put or a sink batch blocks, every failure
 * counter stays 0): the age of the oldest write waiting is what shows such an outage. A write that
 * failed and is tried again (the source re-puts its batch) goes on waiting from the first try, so
 * that a long outage does not look like a fresh wait at every retry.
 */
public final class WriteWaits {
  private static final long NONE = Long.MIN_VALUE;
  private final LongSupplier nanoClock;
  private final Map<Wait, Long> started = new ConcurrentHashMap<>();

  /** When the first of the writes failed since the last one delivered began; NONE when none. */
  private long failingSince = NONE;

  public WriteWaits() {
    this(System::nanoTime);
  }

  WriteWaits(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** One write waiting; closing it says it returned, {@link #delivered} that it succeeded. */
  public final class Wait implements AutoCloseable {
    private final long since;
    private boolean delivered;

    private Wait(long since) {
      this.since = since;
    }

    /** The write succeeded: Kafka took it. */
    public void delivered() {
      delivered = true;
    }

    @Override
    public void close() {
      started.remove(this);
      ended(since, delivered);
    }
  }

  private synchronized void ended(long since, boolean delivered) {
    if (delivered) {
      failingSince = NONE;
    } else if (failingSince == NONE) {
      failingSince = since;
    }
  }

  /** A write starts waiting for Kafka now. */
  public Wait begin() {
    Wait w = new Wait(nanoClock.getAsLong());
    started.put(w, w.since);
    return w;
  }

  /**
   * How long the oldest write now waiting has waited, in milliseconds, counted from the first of
   * the writes failed since the last delivered (also between tries: the writer has not delivered
   * since); 0 when none waits and the last write delivered.
   */
  public long oldestMillis() {
    long now = nanoClock.getAsLong();
    long oldest = 0;
    for (long since : started.values()) {
      oldest = Math.max(oldest, now - since);
    }
    synchronized (this) {
      if (failingSince != NONE) {
        oldest = Math.max(oldest, now - failingSince);
      }
    }
    return oldest / 1_000_000;
  }
}
