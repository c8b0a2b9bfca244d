package dev.flumekit.hbase.sink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;

/**
 * A time pattern of date fields only (such as {@code yyyyMMdd}) formatted once per day instead of
 * once per event: its text is the same for every instant of one local day, so the day the last
 * event fell in is kept with its text, and an event of the same day costs two comparisons. A day in
 * which the zone's offset changes is not kept (the local date need not rise steadily through it);
 * its events are formatted each. Immutable state in one field, so the sink's workers may share it
 * without locking.
 */
final class DayText {
  /**
   * Pattern letters whose value is a function of the local date alone: era, years, day of year,
   * month, day of month, quarter, week-based fields and days of the week.
   */
  private static final String DATE_LETTERS = "GuyYDMLdQqwWEecFg";

  /** Days outside these are not kept: their bounds may not fit in epoch ms. */
  private static final Instant EDGE = Instant.ofEpochMilli(Long.MAX_VALUE).minusSeconds(86_400 * 3);

  private static final Instant EARLIEST =
      Instant.ofEpochMilli(Long.MIN_VALUE).plusSeconds(86_400 * 3);

  private record Day(long fromMillis, long untilMillis, String text) {}

  private final DateTimeFormatter formatter;
  private final ZoneId zone;
  private Day last;

  DayText(DateTimeFormatter formatter, ZoneId zone) {
    this.formatter = formatter;
    this.zone = zone;
  }

  /** Whether every field of a java.time pattern is a date field (quoted text aside). */
  static boolean dateOnly(String pattern) {
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (!quoted
          && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
          && DATE_LETTERS.indexOf(ch) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The pattern's text for an instant, in epoch ms. */
  String text(long epochMillis) {
    Day day = last;
    if (day != null && epochMillis >= day.fromMillis() && epochMillis < day.untilMillis()) {
      return day.text();
    }
    ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone);
    String text = formatter.format(time);
    LocalDate date = time.toLocalDate();
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant until = date.plusDays(1).atStartOfDay(zone).toInstant();
    ZoneOffsetTransition change = zone.getRules().nextTransition(from.minusMillis(1));
    if ((change == null || !change.getInstant().isBefore(until))
        && from.isAfter(EARLIEST)
        && until.isBefore(EDGE)) {
      last = new Day(from.toEpochMilli(), until.toEpochMilli(), text);
    }
    return text;
  }
}
