package dev.flumekit.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void escapesLineBreaksAndTerminalControlAndCutsLongValues() {
    assertEquals(
        "topic\\n2026-11-28 ERROR forged\\u001b[31m",
        LogSafe.value("topic\n2026-11-28 ERROR forged\u001b[31m"));
    assertEquals("null", LogSafe.value(null));
    String cut = LogSafe.value("x".repeat(10_000));
    assertEquals("x".repeat(200) + "...(9800 more chars)", cut);
  }

  @Test
  void oneLinePerCausePerIntervalSayingHowManyWereHeldBack() {
    AtomicLong clock = new AtomicLong();
    LogLimiter limiter = new LogLimiter(10_000, clock::get);
    assertEquals(0, limiter.admit("TopicMissing"));
    for (int i = 0; i < 999; i++) {
      assertEquals(-1, limiter.admit("TopicMissing"));
    }
    assertEquals(0, limiter.admit("RecordTooLarge"), "another cause has its own allowance");
    clock.addAndGet(10_000_000_000L);
    assertEquals(999, limiter.admit("TopicMissing"));
    assertEquals(-1, limiter.admit("TopicMissing"));
  }
}
