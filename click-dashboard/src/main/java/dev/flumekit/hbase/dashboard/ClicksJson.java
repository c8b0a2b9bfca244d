package dev.flumekit.hbase.dashboard;

import java.util.List;

/**
 * {@code /api/clicks}: what the page draws, as JSON. Courses are an array in the order they are
 * drawn (never object keys: a browser orders integer-like keys such as {@code 130} first and
 * numerically, and a key such as {@code __proto__} is no plain property), each with its clicks per
 * day shown, today first:
 *
 * <pre>{"today":"20261128","days":["20261128","20261127"],"refreshSeconds":5,
 * "generatedMillis":1764288000000,"ageSeconds":0,"stale":false,"error":null,
 * "courses":[{"name":"0130","clicks":[5,1]},{"name":"130","clicks":[3,0]}],
 * "others":{"courses":0,"clicks":[0,0]},"totals":[8,1],
 * "cellsRead":3,"maxCells":100000,"capped":false}</pre>
 *
 * A stale answer holds the last good counts, {@code "stale":true}, their age and the error of the
 * read that failed; before any read succeeded the answer is 503 {@code {"error":...}}.
 */
final class ClicksJson {
  /** An HTTP status and its body. */
  record Answer(int status, String json) {}

  private final int refreshSeconds;
  private final int maxCourses;
  private final long maxCells;

  /** The ranking of the last counts answered: ranked once per read, not once per request. */
  private volatile Ranking last;

  private record Ranking(ClickCounts counts, CourseRanking.Ranked ranked) {}

  ClicksJson(int refreshSeconds, int maxCourses, long maxCells) {
    this.refreshSeconds = refreshSeconds;
    this.maxCourses = maxCourses;
    this.maxCells = maxCells;
  }

  Answer answer(ClickSnapshots.Snapshot snapshot, long nowMillis) {
    ClickCounts counts = snapshot.counts();
    if (counts == null) {
      StringBuilder out = new StringBuilder("{\"error\":");
      quote(out, snapshot.error() == null ? "not read yet" : snapshot.error());
      out.append(",\"refreshSeconds\":").append(refreshSeconds).append('}');
      return new Answer(503, out.toString());
    }
    Ranking memo = last;
    if (memo == null || memo.counts() != counts) {
      memo = new Ranking(counts, CourseRanking.rank(counts, maxCourses));
      last = memo;
    }
    CourseRanking.Ranked ranked = memo.ranked();
    StringBuilder out = new StringBuilder(256 + 64 * ranked.shown().size());
    out.append("{\"today\":");
    quote(out, counts.today());
    out.append(",\"days\":");
    strings(out, counts.days());
    out.append(",\"refreshSeconds\":").append(refreshSeconds);
    out.append(",\"generatedMillis\":").append(snapshot.readMillis());
    out.append(",\"ageSeconds\":").append(snapshot.ageSeconds(nowMillis));
    out.append(",\"stale\":").append(snapshot.stale());
    out.append(",\"error\":");
    if (snapshot.error() == null) {
      out.append("null");
    } else {
      quote(out, snapshot.error());
    }
    out.append(",\"courses\":[");
    for (int i = 0; i < ranked.shown().size(); i++) {
      CourseRanking.Course course = ranked.shown().get(i);
      out.append(i == 0 ? "{\"name\":" : ",{\"name\":");
      quote(out, course.name());
      out.append(",\"clicks\":");
      numbers(out, course.clicks());
      out.append('}');
    }
    out.append("],\"others\":{\"courses\":").append(ranked.others()).append(",\"clicks\":");
    numbers(out, ranked.otherClicks());
    out.append("},\"totals\":");
    numbers(out, ranked.totals());
    out.append(",\"cellsRead\":").append(counts.cellsRead());
    out.append(",\"maxCells\":").append(maxCells);
    out.append(",\"capped\":").append(counts.capped());
    return new Answer(200, out.append('}').toString());
  }

  private static void strings(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",");
      quote(out, values.get(i));
    }
    out.append(']');
  }

  private static void numbers(StringBuilder out, long[] values) {
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ",").append(values[i]);
    }
    out.append(']');
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
        // also escaped: a course name in a row key is data, never markup
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
