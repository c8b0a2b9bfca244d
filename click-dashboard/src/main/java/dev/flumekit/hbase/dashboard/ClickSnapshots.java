package dev.flumekit.hbase.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The counters as last read, read again at most once per refresh interval however many pages ask: a
 * request that finds the last read older than the interval reads again, and requests that come
 * while it reads are served the last counts (marked with their age) instead of starting their own
 * read or waiting for it (single flight); only before the first read has ended do they wait for it,
 * since there is nothing to serve yet. A slow HBase thus holds one thread, never the server's every
 * thread. A failed read keeps the last good counts, marked stale with the error, until a read
 * succeeds again; the next attempt also waits an interval, so a down HBase is asked once per
 * interval, not once per page.
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
  private boolean reading;

  ClickSnapshots(Read read, Clock clock, Duration interval) {
    this.read = read;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /** The counters no older than an interval, or the last good ones with the error of the read. */
  Snapshot get() {
    synchronized (this) {
      while (true) {
        long since = clock.millis() - attemptMillis;
        // a clock set back counts as old: read again rather than serve a read from the "future"
        if (attempted && since >= 0 && since < intervalMillis) {
          return current;
        }
        if (!reading) {
          break;
        }
        if (attempted) {
          return current;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          // the server is stopping: nothing read yet to serve
          Thread.currentThread().interrupt();
          return current;
        }
      }
      reading = true;
    }
    Snapshot result = null;
    try {
      result = new Snapshot(read.read(), clock.millis(), null);
    } catch (IOException | RuntimeException e) {
      result = failed(e);
    } finally {
      synchronized (this) {
        current = result != null ? result : failed(new IOException("read ended without an answer"));
        attempted = true;
        attemptMillis = clock.millis();
        reading = false;
        notifyAll();
      }
    }
    return current();
  }

  private synchronized Snapshot current() {
    return current;
  }

  private synchronized Snapshot failed(Exception e) {
    return new Snapshot(current.counts(), current.readMillis(), describe(e));
  }

  /** The kind of failure, not its message: messages of the HBase client name hosts and paths. */
  private static String describe(Exception e) {
    return "HBase did not answer: " + e.getClass().getSimpleName();
  }
}
