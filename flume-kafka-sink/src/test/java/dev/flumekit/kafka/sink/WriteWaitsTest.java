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
    first.close();
    assertEquals(2_000, waits.oldestMillis());
    second.close();
    assertEquals(0, waits.oldestMillis());
  }
}
