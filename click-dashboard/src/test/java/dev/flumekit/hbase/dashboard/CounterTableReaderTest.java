package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterTableReaderTest {
  /** 2026-11-28 01:00 in Shanghai. */
  private static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-11-27T17:00:00Z"));

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static CounterTableReader reader(FakeCounterRows rows, String layout, long maxCells) {
    return new CounterTableReader(
        rows, CounterRowLayout.parse(layout), CLOCK, SHANGHAI, 3, maxCells);
  }

  private static FakeCounterRows table() {
    return new FakeCounterRows()
        .put("20261125_112", 99) // before the days shown
        .put("20261126_112", 4)
        .put("20261127_0130", 2)
        .put("20261128_0130", 5)
        .put("20261128_130", 3)
        .put("20261128_constructor", 7)
        .put("20261128___proto__", 1)
        .put("20261129_112", 50); // tomorrow in Shanghai: not shown
  }

  @Test
  void readsTheDaysShownInTheLoadersTimeZone() throws Exception {
    ClickCounts counts = reader(table(), "%{time:yyyyMMdd}_%{course}", 1_000).read();
    assertEquals("20261128", counts.today());
    assertEquals(List.of("20261128", "20261127", "20261126"), counts.days());
    assertEquals(5, counts.clicks().size());
    assertArrayEquals(new long[] {5, 2, 0}, counts.clicks().get("0130"));
    assertArrayEquals(new long[] {3, 0, 0}, counts.clicks().get("130"));
    assertArrayEquals(new long[] {1, 0, 0}, counts.clicks().get("__proto__"));
    assertArrayEquals(new long[] {0, 0, 4}, counts.clicks().get("112"));
    assertArrayEquals(new long[] {16, 2, 4}, counts.totals());
    assertEquals(6, counts.cellsRead());
    assertFalse(counts.capped());
  }

  @Test
  void readsTheRowLayoutItIsGiven() throws Exception {
    FakeCounterRows rows =
        new FakeCounterRows()
            .put("clicks|2026-11-28|0130", 5)
            .put("clicks|2026-11-28|130", 3)
            .put("20261128_130", 1000);
    ClickCounts counts = reader(rows, "clicks|%{time:yyyy-MM-dd}|%{course}", 1_000).read();
    assertArrayEquals(new long[] {5, 0, 0}, counts.clicks().get("0130"));
    assertArrayEquals(new long[] {3, 0, 0}, counts.clicks().get("130"));
    assertEquals(2, counts.clicks().size());
  }

  @Test
  void theCapStopsTheReadAndTodayIsReadFirst() throws Exception {
    FakeCounterRows rows = table();
    ClickCounts counts = reader(rows, "%{time:yyyyMMdd}_%{course}", 5).read();
    assertTrue(counts.capped());
    assertEquals(5, counts.cellsRead());
    // today's four counters whole, then yesterday's one; the day before not read
    assertArrayEquals(new long[] {16, 2, 0}, counts.totals());
    assertEquals(List.of("20261128", "20261127", "20261126"), counts.days());
    assertEquals(3, rows.scans);
    assertEquals(6, rows.cellsHandedOut, "one cell past the cap, to know there was more");

    ClickCounts exactly = reader(table(), "%{time:yyyyMMdd}_%{course}", 6).read();
    assertFalse(exactly.capped(), "a cap equal to the counters there are is not reached");
    assertEquals(6, exactly.cellsRead());
  }
}
