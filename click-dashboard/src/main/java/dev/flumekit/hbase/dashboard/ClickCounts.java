package dev.flumekit.hbase.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Clicks per course and day as one read of the loader's counters found them: for each course, its
 * clicks on each day shown ({@code clicks.get(course)[i]} is the count of {@code days.get(i)});
 * every distinct course name is its own course. {@code cellsRead} counters were read; {@code
 * capped} says the read stopped at its cap before the last of the days' counters, so the numbers
 * are of the counters read only. The map and its arrays are the reader's, handed over and not
 * copied (there can be hundreds of thousands).
 */
record ClickCounts(
    String today, List<String> days, Map<String, long[]> clicks, long cellsRead, boolean capped) {
  ClickCounts {
    days = List.copyOf(days);
  }

  /** Each day's clicks over every course read. */
  long[] totals() {
    long[] totals = new long[days.size()];
    for (long[] course : clicks.values()) {
      for (int d = 0; d < totals.length; d++) {
        totals[d] += course[d];
      }
    }
    return totals;
  }
}
