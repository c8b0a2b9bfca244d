package dev.flumekit.common.config;

import dev.flumekit.common.regex.LineRegex;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a configuration value is read from its string form, and how to describe what is expected when
 * it cannot be.
 */
public final class ValueType<T> {
  private final String expected;
  private final Function<String, T> parser;

  private ValueType(String expected, Function<String, T> parser) {
    this.expected = expected;
    this.parser = parser;
  }

  /** A type whose parser throws {@link IllegalArgumentException} for values it rejects. */
  public static <T> ValueType<T> of(String expected, Function<String, T> parser) {
    return new ValueType<>(expected, parser);
  }

  public static final ValueType<String> STRING = of("a string", s -> s);

  public static final ValueType<String> NON_EMPTY_STRING =
      of(
          "a non-empty string",
          s -> {
            if (s.isEmpty()) {
              throw new IllegalArgumentException();
            }
            return s;
          });

  public static final ValueType<Integer> INT = of("an integer", Integer::parseInt);

  public static final ValueType<Long> LONG = of("an integer", Long::parseLong);

  public static final ValueType<Boolean> BOOLEAN =
      of(
          "true or false",
          s -> {
            switch (s.toLowerCase(Locale.ROOT)) {
              case "true":
                return Boolean.TRUE;
              case "false":
                return Boolean.FALSE;
              default:
                throw new IllegalArgumentException();
            }
          });

  /** A comma-separated list of non-empty items; blanks around commas are ignored. */
  public static final ValueType<List<String>> LIST =
      of(
          "a comma-separated list",
          s -> {
            List<String> items = new ArrayList<>();
            for (String item : s.split(",", -1)) {
              String trimmed = item.trim();
              if (trimmed.isEmpty()) {
                throw new IllegalArgumentException();
              }
              items.add(trimmed);
            }
            return Collections.unmodifiableList(items);
          });

  /** A Java regular expression, compiled. */
  public static final ValueType<Pattern> REGEX =
      of(
          "a Java regular expression",
          s -> {
            try {
              return Pattern.compile(s);
            } catch (PatternSyntaxException e) {
              throw new IllegalArgumentException(e);
            }
          });

  /**
   * A regular expression for untrusted lines: linear-time RE2/J where the pattern allows, else
   * java.util.regex on a bounded prefix of each input (see {@link LineRegex}).
   */
  public static final ValueType<LineRegex> LINE_REGEX =
      of("a Java regular expression", LineRegex::compile);

  /** A time zone: a region id (Asia/Shanghai), UTC, or an offset (+08:00). */
  public static final ValueType<ZoneId> ZONE_ID =
      of(
          "a time zone id such as UTC, Asia/Shanghai or +08:00",
          s -> {
            try {
              return ZoneId.of(s);
            } catch (DateTimeException e) {
              throw new IllegalArgumentException(e);
            }
          });

  /**
   * One of the given words, matched without regard to case, returned as written in {@code choices}.
   */
  public static ValueType<String> oneOf(String... choices) {
    String expected = "one of " + String.join(", ", choices);
    return of(
        expected,
        s -> {
          for (String choice : choices) {
            if (choice.equalsIgnoreCase(s)) {
              return choice;
            }
          }
          throw new IllegalArgumentException();
        });
  }

  /**
   * A constant of {@code type}, written as its name in lower case and matched without regard to
   * case.
   */
  public static <E extends Enum<E>> ValueType<E> enumOf(Class<E> type) {
    return enumOf(type, constant -> List.of(constant.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * A constant of {@code type}, written as any of its {@code spellings} (the first is how docs name
   * it) and matched without regard to case.
   */
  public static <E extends Enum<E>> ValueType<E> enumOf(
      Class<E> type, Function<E, List<String>> spellings) {
    Map<String, E> bySpelling = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      for (String spelling : spellings.apply(constant)) {
        if (bySpelling.put(spelling.toLowerCase(Locale.ROOT), constant) != null) {
          throw new IllegalStateException(type.getName() + ": " + spelling + " spelled twice");
        }
      }
    }
    List<String> written = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      written.addAll(spellings.apply(constant));
    }
    return of(
        "one of " + String.join(", ", written),
        s -> {
          E constant = bySpelling.get(s.toLowerCase(Locale.ROOT));
          if (constant == null) {
            throw new IllegalArgumentException(s);
          }
          return constant;
        });
  }

  /** What a valid value looks like, e.g. "an integer"; used in error messages and docs. */
  public String expected() {
    return expected;
  }

  /**
   * Parses a trimmed value.
   *
   * @throws IllegalArgumentException if the value is not of this type
   */
  public T parse(String value) {
    return parser.apply(value);
  }
}
