package dev.flumekit.hbase.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The counters as last read, read again at most once per refresh interval however many pages ask: a
 * request that finds the last read older than the interval reads again, and requests that come
 * while it reads wait for that read instead of starting their own (single flight). A failed read
 * keeps the last good counts, marked stale with the error, until a read succeeds again; the next
 * attempt also waits an interval, so a down HBase is asked once per interval, not once per page.
 */
final class ClickSnapshots {
  /** One read of the counters. */
  interface Read {
    ClickCounts read() throws IOException;
  }

  /**
   * What a page is served.
   *
   * @param counts the last good read; null if no read succeeded yet
   * @param readMillis when those counts were read (wall clock); 0 if never
   * @param error why the last read failed, or null if it did not: the counts are then stale
   */
  record Snapshot(ClickCounts counts, long readMillis, String error) {
    boolean stale() {
      return error != null;
    }

    long ageSeconds(long nowMillis) {
      return Math.max(0, (nowMillis - readMillis) / 1000);
    }
  }

  private final Read read;
  private final Clock clock;
  private final long intervalMillis;
  private Snapshot current = new Snapshot(null, 0, null);
  private boolean attempted;
  private long attemptMillis;

  ClickSnapshots(Read read, Clock clock, Duration interval) {
    this.read = read;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /** The counters no older than an interval, or the last good ones with the error of the read. */
  synchronized Snapshot get() {
    long now = clock.millis();
    long since = now - attemptMillis;
    // a clock set back counts as old: read again rather than serve a read from the "future"
    if (attempted && since >= 0 && since < intervalMillis) {
      return current;
    }
    try {
      ClickCounts counts = read.read();
      current = new Snapshot(counts, clock.millis(), null);
    } catch (IOException | RuntimeException e) {
      current = new Snapshot(current.counts(), current.readMillis(), describe(e));
    }
    attempted = true;
    attemptMillis = clock.millis();
    return current;
  }

  /** The kind of failure, not its message: messages of the HBase client name hosts and paths. */
  private static String describe(Exception e) {
    return "HBase did not answer: " + e.getClass().getSimpleName();
  }
}
