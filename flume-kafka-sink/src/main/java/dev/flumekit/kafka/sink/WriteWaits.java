package dev.flumekit.kafka.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The writes now waiting for Kafka, and since when. A write to a cluster that is down neither fails
 * nor returns for as long as the producer retries (a put or a sink batch blocks, every failure
 * counter stays 0): the age of the oldest write waiting is what shows such an outage. A write that
 * failed and is tried again (the source re-puts its batch) goes on waiting from the first try, so
 * that a long outage does not look like a fresh wait at every retry. A write interrupted because
 * its component stops is no failure; a failure no write followed for {@value #FORGET_AFTER_SECONDS}
 * s (its source was removed by a reload, or its clients gave up) is forgotten rather than reported
 * as a wait that never ends.
 */
public final class WriteWaits {
  private static final long NONE = Long.MIN_VALUE;
  static final long FORGET_AFTER_SECONDS = 60;
  private final LongSupplier nanoClock;
  private final Map<Wait, Long> started = new ConcurrentHashMap<>();

  /** When the first of the writes failed since the last one delivered began; NONE when none. */
  private long failingSince = NONE;

  /** When the last write ended. */
  private long lastEnded = NONE;

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
    private boolean abandoned;

    private Wait(long since) {
      this.since = since;
    }

    /** The write succeeded: Kafka took it. */
    public void delivered() {
      delivered = true;
    }

    /** The write was interrupted: its component stops. Neither a success nor a failure. */
    public void abandoned() {
      abandoned = true;
    }

    @Override
    public void close() {
      started.remove(this);
      ended(since, delivered, abandoned);
    }
  }

  private synchronized void ended(long since, boolean delivered, boolean abandoned) {
    lastEnded = nanoClock.getAsLong();
    if (delivered) {
      failingSince = NONE;
    } else if (!abandoned && failingSince == NONE) {
      failingSince = since;
    }
  }

  /** Forgets a failure of an earlier start: a new writer begins with nothing waiting. */
  public synchronized void reset() {
    failingSince = NONE;
    lastEnded = NONE;
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
      boolean followed =
          !started.isEmpty()
              || (lastEnded != NONE && now - lastEnded < FORGET_AFTER_SECONDS * 1_000_000_000L);
      if (failingSince != NONE && followed) {
        oldest = Math.max(oldest, now - failingSince);
      }
    }
    return oldest / 1_000_000;
  }
}
