package dev.flumekit.hbase.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which courses the page draws, in which order: by today's clicks, most first; then by the clicks
 * of all days shown, most first; then by name, compared code point by code point. The order is
 * total (two courses compare equal only if their names are equal), so it is the same on every read,
 * and every distinct name is its own course: {@code 0130} and {@code 130} are two. The first {@code
 * maxCourses} are drawn; the rest are summed into one "other courses" row, so that a table of
 * 200,000 courses makes a page of a few dozen bars.
 */
final class CourseRanking {
  /** One course drawn: its clicks per day shown. */
  record Course(String name, long[] clicks) {}

  /**
   * @param others how many courses were summed into {@code otherClicks} (0: none)
   * @param totals each day's clicks over every course read, drawn or summed
   */
  record Ranked(List<Course> shown, int others, long[] otherClicks, long[] totals) {}

  /** Today is the first day shown. */
  static final Comparator<Course> ORDER =
      ((Comparator<Course>) (a, b) -> Long.compare(b.clicks()[0], a.clicks()[0]))
          .thenComparing((a, b) -> Long.compare(sum(b), sum(a)))
          .thenComparing(Course::name, CourseRanking::compareCodePoints);

  private CourseRanking() {}

  static Ranked rank(ClickCounts counts, int maxCourses) {
    List<Course> all = new ArrayList<>(counts.clicks().size());
    for (Map.Entry<String, long[]> c : counts.clicks().entrySet()) {
      all.add(new Course(c.getKey(), c.getValue()));
    }
    all.sort(ORDER);
    List<Course> shown = List.copyOf(all.subList(0, Math.min(maxCourses, all.size())));
    long[] otherClicks = new long[counts.days().size()];
    for (Course other : all.subList(shown.size(), all.size())) {
      for (int d = 0; d < otherClicks.length; d++) {
        otherClicks[d] += other.clicks()[d];
      }
    }
    return new Ranked(shown, all.size() - shown.size(), otherClicks, counts.totals());
  }

  private static long sum(Course c) {
    return Arrays.stream(c.clicks()).sum();
  }

  /**
   * Names by Unicode code point, not by UTF-16 unit as {@link String#compareTo} (which puts U+FF5E
   * after an emoji); the order of the row keys' UTF-8 bytes.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
