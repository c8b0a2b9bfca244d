package dev.flumekit.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Clicks per course and day, as read back from HBase: a bar chart for the terminal and an HTML page
 * with the same chart as inline SVG (no script, no network).
 */
final class ClicksChart {
  private final Map<String, Map<String, Long>> byDay = new TreeMap<>();
  private long max = 1;

  /**
   * @param counters {@code <yyyyMMdd>_<course>} → clicks
   */
  ClicksChart(Map<String, Long> counters) {
    counters.forEach(
        (row, clicks) -> {
          int underscore = row.indexOf('_');
          String day = underscore > 0 ? row.substring(0, underscore) : row;
          String course = underscore > 0 ? row.substring(underscore + 1) : "?";
          byDay.computeIfAbsent(day, d -> new TreeMap<>()).put(course, clicks);
          max = Math.max(max, clicks);
        });
  }

  String terminal() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, Long>> day : byDay.entrySet()) {
      out.append("  clicks per course on ").append(day.getKey()).append('\n');
      for (Map.Entry<String, Long> course : day.getValue().entrySet()) {
        int width = (int) Math.round(50.0 * course.getValue() / max);
        out.append(String.format(Locale.ROOT, "  course %-5s ", course.getKey()))
            .append("█".repeat(width))
            .append(String.format(Locale.ROOT, " %,d%n", course.getValue()));
      }
    }
    return out.toString();
  }

  void writeHtml(Path file, String subtitle) throws IOException {
    StringBuilder svg = new StringBuilder();
    int bars = byDay.values().stream().mapToInt(Map::size).sum();
    int height = 40 + bars * 28 + byDay.size() * 30;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"")
        .append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"14\">\n");
    int y = 20;
    for (Map.Entry<String, Map<String, Long>> day : byDay.entrySet()) {
      svg.append(
          String.format(
              "<text x=\"0\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 10, day.getKey()));
      y += 30;
      for (Map.Entry<String, Long> course : day.getValue().entrySet()) {
        int width = (int) Math.round(560.0 * course.getValue() / max);
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"0\" y=\"%d\">course %s</text>"
                    + "<rect x=\"110\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"#3b7dd8\"/>"
                    + "<text x=\"%d\" y=\"%d\">%,d</text>%n",
                y + 15,
                course.getKey(),
                y,
                width,
                116 + width,
                y + 15,
                course.getValue()));
        y += 28;
      }
    }
    svg.append("</svg>\n");
    String html =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>flumekit demo: clicks per"
            + " course</title></head>\n<body style=\"font-family:sans-serif\">\n"
            + "<h1>Clicks per course and day</h1>\n<p>"
            + subtitle
            + "</p>\n"
            + svg
            + "</body></html>\n";
    Files.writeString(file, html);
  }
}
