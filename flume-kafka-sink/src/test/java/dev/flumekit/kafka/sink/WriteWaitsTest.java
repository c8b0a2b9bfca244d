package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteWaitsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final WriteWaits waits = new WriteWaits(nanos::get);

  @Test
  void noWriteWaitingIsZero() {
    assertEquals(0, waits.oldestMillis());
  }

  @Test
  void theOldestWriteStillWaitingIsWhatCounts() {
    WriteWaits.Wait first = waits.begin();
    nanos.addAndGet(5_000_000_000L);
    WriteWaits.Wait second = waits.begin();
    nanos.addAndGet(2_000_000_000L);
    assertEquals(7_000, waits.oldestMillis());
    first.delivered();
    first.close();
    assertEquals(2_000, waits.oldestMillis());
    second.delivered();
    second.close();
    assertEquals(0, waits.oldestMillis());
  }

  @Test
  void aWriteTriedAgainAfterAFailureWaitsFromTheFirstTry() {
    WriteWaits.Wait first = waits.begin();
    nanos.addAndGet(60_000_000_000L);
    first.close(); // failed: max.block.ms passed, the source keeps its batch
    assertEquals(60_000, waits.oldestMillis(), "not delivered since, also between the tries");
    WriteWaits.Wait again = waits.begin();
    nanos.addAndGet(5_000_000_000L);
    assertEquals(65_000, waits.oldestMillis());
    again.delivered();
    again.close();
    WriteWaits.Wait next = waits.begin();
    nanos.addAndGet(1_000_000_000L);
    assertEquals(1_000, waits.oldestMillis());
    next.close();
  }

  /** A put interrupted by a reload's stop is not a failure: nothing is left waiting after it. */
  @Test
  void aWriteInterruptedByAStopIsNoFailure() {
    WriteWaits.Wait w = waits.begin();
    nanos.addAndGet(3_000_000_000L);
    w.abandoned();
    w.close();
    assertEquals(0, waits.oldestMillis());
  }

  /**
   * A failure that no write followed (the reload removed the channel's source, or an HTTP client
   * gave up) is forgotten after a minute rather than reported as a wait that never ends.
   */
  @Test
  void aFailureNoWriteFollowedIsForgottenAfterAMinute() {
    WriteWaits.Wait w = waits.begin();
    nanos.addAndGet(10_000_000_000L);
    w.close();
    nanos.addAndGet(50_000_000_000L);
    assertEquals(60_000, waits.oldestMillis(), "still failing 50 s after the last try");
    nanos.addAndGet(11_000_000_000L);
    assertEquals(0, waits.oldestMillis());
  }

  @Test
  void aNewWriterForgetsTheFailureOfTheOldOne() {
    WriteWaits.Wait w = waits.begin();
    nanos.addAndGet(10_000_000_000L);
    w.close();
    waits.reset();
    assertEquals(0, waits.oldestMillis());
  }
}
