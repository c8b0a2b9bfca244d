package dev.flumekit.hbase.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the loader's click counters of the days shown, one row-prefix scan per day (the sink's
 * {@code counterRow}, e.g. {@code <yyyyMMdd>_<course>}), today first, and at most {@code maxCells}
 * counters in all: a table of 200,000 courses costs one bounded read, and when the cap is reached
 * it is today's counters that were read whole.
 */
final class CounterTableReader {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final CounterRows rows;
  private final CounterRowLayout layout;
  private final Clock clock;
  private final ZoneId zone;
  private final int days;
  private final long maxCells;

  CounterTableReader(
      CounterRows rows,
      CounterRowLayout layout,
      Clock clock,
      ZoneId zone,
      int days,
      long maxCells) {
    this.rows = rows;
    this.layout = layout;
    this.clock = clock;
    this.zone = zone;
    this.days = days;
    this.maxCells = maxCells;
  }

  ClickCounts read() throws IOException {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    List<String> shown = new ArrayList<>();
    Map<String, long[]> clicks = new HashMap<>();
    long[] cells = {0};
    boolean[] capped = {false};
    for (int d = 0; d < days && !capped[0]; d++) {
      LocalDate date = today.minusDays(d);
      shown.add(date.format(DAY));
      byte[] prefix = layout.dayPrefix(date);
      int day = d;
      rows.scan(
          prefix,
          (row, value) -> {
            if (cells[0] == maxCells) {
              capped[0] = true;
              return false;
            }
            cells[0]++;
            String rest =
                new String(row, prefix.length, row.length - prefix.length, StandardCharsets.UTF_8);
            String course = layout.course(rest);
            if (course != null) {
              clicks.computeIfAbsent(course, c -> new long[days])[day] += value;
            }
            return true;
          });
    }
    for (int d = shown.size(); d < days; d++) {
      // days the cap left unread are still shown, as days nothing was read of
      shown.add(today.minusDays(d).format(DAY));
    }
    return new ClickCounts(today.format(DAY), shown, clicks, cells[0], capped[0]);
  }
}
