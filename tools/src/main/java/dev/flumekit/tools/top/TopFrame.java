package dev.flumekit.tools.top;

import java.util.List;
import java.util.Locale;

/** One screen of the live view as text: per agent, a header line and a table of its components. */
final class TopFrame {
  private static final String ROW = "%-16s %-11s %-22s %10s %10s %16s %10s %6s %7s%n";

  private TopFrame() {}

  static String render(List<AgentView> agents, String title) {
    StringBuilder out = new StringBuilder(title).append('\n');
    for (AgentView a : agents) {
      out.append('\n');
      if (a.unreachable() != null) {
        out.append("agent at ").append(a.url()).append(": unreachable (");
        out.append(a.unreachable()).append(")\n");
        continue;
      }
      out.append("agent ").append(a.agent() == null ? "?" : a.agent());
      out.append(" at ").append(a.url()).append("  health: ");
      out.append(a.health() == null ? "no answer" : a.health()).append('\n');
      for (String problem : a.problems()) {
        out.append("  ! ").append(problem).append('\n');
      }
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              "COMPONENT",
              "KIND",
              "TYPE",
              "IN/s",
              "OUT/s",
              "FILL",
              "LAG",
              "DEAD",
              "ERRORS"));
      for (ComponentRow r : a.rows()) {
        out.append(
            String.format(
                Locale.ROOT,
                ROW,
                clip(r.name(), 16),
                r.kind() + (r.up() ? "" : " DOWN"),
                clip(shortType(r.type()), 22),
                rate(r.in()),
                rate(r.out()),
                fill(r.size(), r.capacity()),
                count(r.lag()),
                count(r.deadLetters()),
                count(r.errors())));
      }
    }
    return out.toString();
  }

  /** A class name without its package: {@code dev.flumekit.kafka.KafkaSink} → {@code KafkaSink}. */
  static String shortType(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }

  static String rate(Double perSecond) {
    if (perSecond == null) {
      return "-";
    }
    return perSecond >= 100 || perSecond == 0
        ? String.format(Locale.ROOT, "%.0f", perSecond)
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  static String count(Double n) {
    return n == null ? "-" : String.format(Locale.ROOT, "%.0f", n);
  }

  /** {@code 120/10000 1%}; the size alone without a capacity; {@code -} for no channel. */
  static String fill(Double size, Double capacity) {
    if (size == null) {
      return "-";
    }
    if (capacity == null || capacity <= 0) {
      return count(size);
    }
    return String.format(Locale.ROOT, "%.0f/%.0f %.0f%%", size, capacity, 100 * size / capacity);
  }
}
