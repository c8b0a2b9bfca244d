package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DayTextTest {
  @Test
  void onlyPatternsOfDateFieldsAreFormattedOncePerDay() {
    assertTrue(DayText.dateOnly("yyyyMMdd"));
    assertTrue(DayText.dateOnly("uuuu-'W'ww-e"));
    assertTrue(DayText.dateOnly("yyyyMMdd'T'"));
    assertTrue(DayText.dateOnly("EEE d MMM yyyy G, D"));
    assertFalse(DayText.dateOnly("yyyyMMddHH"));
    assertFalse(DayText.dateOnly("yyyyMMdd z"));
    assertFalse(DayText.dateOnly("yyyyMMdd'T'HHmmss"));
    assertFalse(DayText.dateOnly("a"));
  }

  /**
   * Every instant gets what the formatter gives it, in whatever order the instants come: across
   * midnights, and across offset changes at midnight (São Paulo's daylight time began at 00:00 on
   * 2018-11-04 and ended at 00:00 on 2019-02-17, back to 23:00 of the day before).
   */
  @Test
  void textIsTheFormattersForEveryInstantAcrossDaysAndOffsetChanges() {
    Random random = new Random(28);
    long from = Instant.parse("2018-10-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2019-04-01T00:00:00Z").toEpochMilli();
    for (String zoneName :
        List.of("Asia/Shanghai", "UTC", "America/Sao_Paulo", "Europe/Berlin", "America/Havana")) {
      ZoneId zone = ZoneId.of(zoneName);
      for (String pattern : List.of("yyyyMMdd", "YYYY-'W'ww-e EEE", "G uuuu D")) {
        DateTimeFormatter formatter =
            DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
        DayText days = new DayText(formatter, zone);
        // in order, every 29 minutes and 1 ms, then at random
        for (long t = from; t < to; t += 1_740_001) {
          assertEquals(formatter.format(Instant.ofEpochMilli(t)), days.text(t), zoneName + " " + t);
        }
        for (int i = 0; i < 5_000; i++) {
          long t = from + (long) (random.nextDouble() * (to - from));
          assertEquals(formatter.format(Instant.ofEpochMilli(t)), days.text(t), zoneName + " " + t);
        }
      }
    }
  }

  @Test
  void instantsAtTheEndsOfTheRangeAreFormattedAsTheFormatterDoes() {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    DateTimeFormatter formatter =
        DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(zone);
    DayText days = new DayText(formatter, zone);
    for (long t : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, 0, -1}) {
      assertEquals(formatter.format(Instant.ofEpochMilli(t)), days.text(t));
      assertEquals(formatter.format(Instant.ofEpochMilli(t)), days.text(t));
    }
  }
}
