package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClickSnapshotsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-28T10:00:00Z"));

  private static ClickCounts counts(long clicks) {
    return new ClickCounts(
        "20261128", List.of("20261128"), Map.of("112", new long[] {clicks}), 1, false);
  }

  @Test
  void hbaseIsReadAtMostOncePerInterval() {
    AtomicInteger reads = new AtomicInteger();
    ClickSnapshots snapshots =
        new ClickSnapshots(() -> counts(reads.incrementAndGet()), clock, Duration.ofSeconds(5));
    ClickSnapshots.Snapshot first = snapshots.get();
    for (int page = 0; page < 50; page++) {
      assertSame(first, snapshots.get());
    }
    clock.advance(Duration.ofMillis(4_999));
    assertSame(first, snapshots.get());
    assertEquals(1, reads.get());
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, snapshots.get().counts().clicks().get("112")[0]);
    assertEquals(2, reads.get());
  }

  @Test
  void pagesAskingDuringTheFirstReadWaitForItInsteadOfStartingTheirOwn() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ClickSnapshots snapshots =
        new ClickSnapshots(
            () -> {
              reads.incrementAndGet();
              reading.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
              return counts(7);
            },
            clock,
            Duration.ofSeconds(5));
    List<ClickSnapshots.Snapshot> served =
        java.util.Collections.synchronizedList(new ArrayList<>());
    Thread first = new Thread(() -> served.add(snapshots.get()));
    first.start();
    reading.await();
    List<Thread> waiting = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> served.add(snapshots.get()));
      t.start();
      waiting.add(t);
    }
    for (Thread t : waiting) {
      // each page waits for the read in progress, none started a read of its own
      while (t.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
    }
    assertEquals(1, reads.get());
    release.countDown();
    first.join();
    for (Thread t : waiting) {
      t.join();
    }
    assertEquals(1, reads.get());
    assertEquals(9, served.size());
    served.forEach(s -> assertEquals(7, s.counts().clicks().get("112")[0]));
  }

  /**
   * Once counts were read, a page asking while a slow refresh is in progress is served the last
   * counts at once: a slow HBase holds the one thread reading, not every thread of the server.
   */
  @Test
  void pagesAskingDuringARefreshAreServedTheLastCountsAtOnce() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ClickSnapshots snapshots =
        new ClickSnapshots(
            () -> {
              if (reads.incrementAndGet() == 2) {
                reading.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
                return counts(9);
              }
              return counts(7);
            },
            clock,
            Duration.ofSeconds(5));
    assertEquals(7, snapshots.get().counts().clicks().get("112")[0]);
    clock.advance(Duration.ofSeconds(5));
    Thread refresh = new Thread(snapshots::get);
    refresh.start();
    reading.await();
    for (int i = 0; i < 8; i++) {
      assertEquals(7, snapshots.get().counts().clicks().get("112")[0]);
    }
    assertEquals(2, reads.get());
    release.countDown();
    refresh.join();
    assertEquals(9, snapshots.get().counts().clicks().get("112")[0]);
  }

  @Test
  void aFailedReadServesTheLastGoodCountsAsStaleWithTheirAge() {
    AtomicInteger reads = new AtomicInteger();
    boolean[] down = {false};
    ClickSnapshots snapshots =
        new ClickSnapshots(
            () -> {
              reads.incrementAndGet();
              if (down[0]) {
                throw new IOException("region server at host-7:16020 refused");
              }
              return counts(reads.get());
            },
            clock,
            Duration.ofSeconds(5));
    ClickSnapshots.Snapshot good = snapshots.get();
    assertFalse(good.stale());
    long readAt = good.readMillis();

    down[0] = true;
    clock.advance(Duration.ofSeconds(12));
    ClickSnapshots.Snapshot stale = snapshots.get();
    assertTrue(stale.stale());
    assertSame(good.counts(), stale.counts());
    assertEquals(readAt, stale.readMillis());
    assertEquals(12, stale.ageSeconds(clock.millis()));
    // the kind of failure, not the client's message (hosts)
    assertEquals("HBase did not answer: IOException", stale.error());
    // a down HBase is asked once per interval too
    clock.advance(Duration.ofSeconds(1));
    snapshots.get();
    assertEquals(2, reads.get());

    down[0] = false;
    clock.advance(Duration.ofSeconds(5));
    ClickSnapshots.Snapshot back = snapshots.get();
    assertFalse(back.stale());
    assertNull(back.error());
    assertEquals(3, back.counts().clicks().get("112")[0]);
  }

  @Test
  void beforeAnyGoodReadThereAreNoCountsOnlyTheError() {
    ClickSnapshots snapshots =
        new ClickSnapshots(
            () -> {
              throw new IOException("down");
            },
            clock,
            Duration.ofSeconds(5));
    ClickSnapshots.Snapshot s = snapshots.get();
    assertNull(s.counts());
    assertEquals("HBase did not answer: IOException", s.error());
  }
}
