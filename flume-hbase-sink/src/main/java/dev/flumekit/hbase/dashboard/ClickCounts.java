package dev.flumekit.hbase.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Clicks per course and day as the loader's counters hold them (rows {@code <yyyyMMdd>_<course>}),
 * for the days shown: what the dashboard's page draws, as JSON.
 */
record ClickCounts(String today, List<String> days, Map<String, Map<String, Long>> counts) {
  ClickCounts {
    days = List.copyOf(days);
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    counts.forEach((day, courses) -> copy.put(day, Map.copyOf(courses)));
    counts = Map.copyOf(copy);
  }

  /** Every course seen on any of the days, sorted (numbers by value). */
  List<String> courses() {
    TreeSet<String> courses = new TreeSet<>(ClickCounts::compareCourses);
    counts.values().forEach(c -> courses.addAll(c.keySet()));
    return new ArrayList<>(courses);
  }

  long count(String day, String course) {
    return counts.getOrDefault(day, Map.of()).getOrDefault(course, 0L);
  }

  long total(String day) {
    return counts.getOrDefault(day, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  private static int compareCourses(String a, String b) {
    boolean numbers = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
    return numbers ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
  }

  /**
   * {@code {"today":"20261128","days":[...],"courses":[...],"counts":{"20261128":{"112":5}},
   * "totals":{"20261128":5},"refreshSeconds":5}}.
   */
  String json(int refreshSeconds, long generatedMillis) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"today\":").append(quote(today));
    out.append(",\"generatedMillis\":").append(generatedMillis);
    out.append(",\"refreshSeconds\":").append(refreshSeconds);
    out.append(",\"days\":").append(list(days));
    List<String> courses = courses();
    out.append(",\"courses\":").append(list(courses));
    out.append(",\"counts\":{");
    for (int d = 0; d < days.size(); d++) {
      out.append(d == 0 ? "" : ",").append(quote(days.get(d))).append(":{");
      int written = 0;
      for (String course : courses) {
        long n = count(days.get(d), course);
        if (n != 0) {
          out.append(written++ == 0 ? "" : ",").append(quote(course)).append(':').append(n);
        }
      }
      out.append('}');
    }
    out.append("},\"totals\":{");
    for (int d = 0; d < days.size(); d++) {
      out.append(d == 0 ? "" : ",")
          .append(quote(days.get(d)))
          .append(':')
          .append(total(days.get(d)));
    }
    return out.append("}}").toString();
  }

  private static String list(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",").append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        // also escaped: a course name in a row key is data, never markup
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
