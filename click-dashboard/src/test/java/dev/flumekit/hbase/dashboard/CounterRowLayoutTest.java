package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CounterRowLayoutTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private static String prefix(CounterRowLayout layout) {
    return new String(layout.dayPrefix(DAY), StandardCharsets.UTF_8);
  }

  @Test
  void theShippedRowAndOtherDayFirstRowsAreRead() {
    CounterRowLayout shipped = CounterRowLayout.parse("%{time:yyyyMMdd}_%{course}");
    assertEquals("20261128_", prefix(shipped));
    assertEquals("0130", shipped.course("0130"));

    CounterRowLayout other = CounterRowLayout.parse("clicks/%{time:yyyy-MM-dd}/%{course:6}#c");
    assertEquals("clicks/2026-11-28/", prefix(other));
    assertEquals("000130", other.course("000130#c"));
    assertNull(other.course("000130"), "a row not ending as the template does");
    assertNull(other.course("#c"), "no course");
  }

  @Test
  void rowsThatCannotBeReadByDayAreRefused() {
    for (String template :
        new String[] {
          "%{course}_%{time:yyyyMMdd}",
          "%{time:yyyyMMddHH}_%{course}",
          "%{time:MM}_%{course}",
          "%{time:yyyyMMdd}_%{hash}",
          "%{time:yyyyMMdd}_%{course}_%{status}",
          "%{time:yyyyMMdd}",
          "%{time:yyyyMMdd_%{course}"
        }) {
      assertThrows(
          IllegalArgumentException.class, () -> CounterRowLayout.parse(template), template);
    }
  }
}
