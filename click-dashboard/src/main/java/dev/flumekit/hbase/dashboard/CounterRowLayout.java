package dev.flumekit.hbase.dashboard;

import dev.flumekit.common.config.ValueType;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the day and the course sit in a counter's row key: the HBase sink's {@code counterRow}
 * template, as far as a page of days can read it. The dashboard reads one day's counters by row
 * prefix, so the template must be literal text, {@code %{time:PATTERN}} (a pattern of a day, no
 * hours), literal text, one {@code %{HEADER}} (the course), and optionally literal text; a template
 * with the course before the day would mean scanning the whole table on every refresh.
 */
public final class CounterRowLayout {
  static final String EXPECTED =
      "a template with the day before the course, as the loader's counterRow, e.g."
          + " `%{time:yyyyMMdd}_%{course}`";

  static final ValueType<CounterRowLayout> TYPE = ValueType.of(EXPECTED, CounterRowLayout::parse);

  /** Placeholders of the sink's templates that are not a header (the course). */
  private static final Set<String> NOT_A_HEADER = Set.of("time", "hash", "salt", "reversedTime");

  private final String template;
  private final String prefix;
  private final DateTimeFormatter day;
  private final String separator;
  private final String suffix;

  private CounterRowLayout(
      String template, String prefix, DateTimeFormatter day, String separator, String suffix) {
    this.template = template;
    this.prefix = prefix;
    this.day = day;
    this.separator = separator;
    this.suffix = suffix;
  }

  /**
   * @throws IllegalArgumentException if the template is not literal text, a day, literal text, a
   *     header and literal text
   */
  static CounterRowLayout parse(String template) {
    List<String> literals = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = template.indexOf("%{", at);
      if (open < 0) {
        literals.add(template.substring(at));
        break;
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed %{ in " + template);
      }
      literals.add(template.substring(at, open));
      placeholders.add(template.substring(open + 2, close).trim());
      at = close + 1;
    }
    if (placeholders.size() != 2 || !placeholders.get(0).startsWith("time:")) {
      throw new IllegalArgumentException("not %{time:PATTERN} then %{HEADER}: " + template);
    }
    String course = placeholders.get(1);
    String header = course.contains(":") ? course.substring(0, course.indexOf(':')) : course;
    if (header.isEmpty() || NOT_A_HEADER.contains(header)) {
      throw new IllegalArgumentException("the course is not a header: " + template);
    }
    DateTimeFormatter day;
    try {
      day = DateTimeFormatter.ofPattern(placeholders.get(0).substring(5), Locale.ROOT);
      // a pattern with hours or minutes cannot be formatted from a date alone: not a day
      String first = day.format(LocalDate.of(2026, 1, 1));
      for (LocalDate other : List.of(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 2, 1))) {
        if (first.equals(day.format(other)) || first.equals(day.format(other.plusYears(1)))) {
          throw new IllegalArgumentException("two days look the same: " + template);
        }
      }
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException("not a pattern of a day: " + template, e);
    }
    return new CounterRowLayout(template, literals.get(0), day, literals.get(1), literals.get(2));
  }

  /** The bytes every counter row of the day starts with. */
  byte[] dayPrefix(LocalDate date) {
    return (prefix + day.format(date) + separator).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The course of a row of the day, from the text after its prefix; null if it is no counter row.
   */
  String course(String afterPrefix) {
    if (!afterPrefix.endsWith(suffix) || afterPrefix.length() == suffix.length()) {
      return null;
    }
    return afterPrefix.substring(0, afterPrefix.length() - suffix.length());
  }

  @Override
  public String toString() {
    return template;
  }
}
