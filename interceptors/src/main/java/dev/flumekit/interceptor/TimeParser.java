package dev.flumekit.interceptor;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an event time from text in one of several formats, tried in order: {@code epoch_ms}, {@code
 * epoch_s} (fractions allowed), {@code iso8601} (with or without offset), a strftime pattern
 * ({@code %d/%b/%Y:%H:%M:%S %z}) or a java.time pattern ({@code yyyy-MM-dd HH:mm:ss}). Times
 * without an offset are in the configured zone; month and day names are read in the configured
 * locale, never the JVM's default.
 */
final class TimeParser {
  private interface Format {
    /** Epoch milliseconds, or Long.MIN_VALUE if the text is not in this format. */
    long parse(String text);
  }

  private final String spec;
  private final List<Format> formats;

  private TimeParser(String spec, List<Format> formats) {
    this.spec = spec;
    this.formats = List.copyOf(formats);
  }

  /**
   * @param spec formats separated by {@code ||}
   * @throws IllegalArgumentException if a pattern is invalid
   */
  static TimeParser compile(String spec, ZoneId zone, Locale locale) {
    List<Format> formats = new ArrayList<>();
    for (String part : spec.split("\\|\\|", -1)) {
      String format = part.trim();
      if (format.isEmpty()) {
        throw new IllegalArgumentException("empty format in " + spec);
      }
      formats.add(format(format, zone, locale));
    }
    return new TimeParser(spec, formats);
  }

  private static Format format(String format, ZoneId zone, Locale locale) {
    switch (format) {
      case "epoch_ms":
        return TimeParser::epochMillis;
      case "epoch_s":
        return TimeParser::epochSeconds;
      case "iso8601":
        return text -> pattern(text, DateTimeFormatter.ISO_DATE_TIME, zone);
      default:
        String javaPattern = format.indexOf('%') >= 0 ? fromStrftime(format) : format;
        DateTimeFormatter formatter =
            new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(javaPattern)
                .toFormatter(locale);
        return text -> pattern(text, formatter, zone);
    }
  }

  long parse(String text) {
    for (Format format : formats) {
      long millis = format.parse(text);
      if (millis != Long.MIN_VALUE) {
        return millis;
      }
    }
    return Long.MIN_VALUE;
  }

  @Override
  public String toString() {
    return spec;
  }

  private static long epochMillis(String text) {
    if (text.isEmpty() || text.length() > 19) {
      return Long.MIN_VALUE;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      value = value * 10 + d;
    }
    return value < 0 ? Long.MIN_VALUE : value;
  }

  private static long epochSeconds(String text) {
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    if (whole.length() > 12) {
      return Long.MIN_VALUE;
    }
    long seconds = epochMillis(whole);
    if (seconds == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    long millis = 0;
    if (dot >= 0) {
      String fraction = text.substring(dot + 1);
      if (fraction.isEmpty()) {
        return Long.MIN_VALUE;
      }
      for (int i = 0; i < fraction.length(); i++) {
        int d = fraction.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return Long.MIN_VALUE;
        }
        if (i < 3) {
          millis = millis * 10 + d;
        }
      }
      for (int i = fraction.length(); i < 3; i++) {
        millis *= 10;
      }
    }
    return seconds * 1000 + millis;
  }

  private static long pattern(String text, DateTimeFormatter formatter, ZoneId zone) {
    try {
      TemporalAccessor t = formatter.parse(text);
      if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(t).toEpochMilli();
      }
      LocalDate date = t.query(TemporalQueries.localDate());
      if (date == null) {
        return Long.MIN_VALUE;
      }
      LocalTime time = t.query(TemporalQueries.localTime());
      ZoneId parsedZone = t.query(TemporalQueries.zone());
      LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
      return local.atZone(parsedZone == null ? zone : parsedZone).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  /** A java.time pattern equivalent to a strftime pattern; literal text is quoted. */
  static String fromStrftime(String strftime) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < strftime.length(); i++) {
      char c = strftime.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      if (i + 1 == strftime.length()) {
        throw new IllegalArgumentException("a lone % ends " + strftime);
      }
      char directive = strftime.charAt(++i);
      if (directive == '%') {
        literal.append('%');
        continue;
      }
      String replacement =
          switch (directive) {
            case 'Y' -> "yyyy";
            case 'y' -> "yy";
            case 'm' -> "MM";
            case 'd' -> "dd";
            case 'e' -> "ppd";
            case 'H' -> "HH";
            case 'I' -> "hh";
            case 'M' -> "mm";
            case 'S' -> "ss";
            case 'f' -> "SSSSSS";
            case 'L' -> "SSS";
            case 'p' -> "a";
            case 'b', 'h' -> "MMM";
            case 'B' -> "MMMM";
            case 'a' -> "EEE";
            case 'A' -> "EEEE";
            case 'j' -> "DDD";
            case 'z' -> "xx";
            case 'Z' -> "z";
            case 'T' -> "HH:mm:ss";
            case 'F' -> "yyyy-MM-dd";
            default ->
                throw new IllegalArgumentException(
                    "%" + directive + " is not a supported strftime directive");
          };
      flushLiteral(literal, out);
      out.append(replacement);
    }
    flushLiteral(literal, out);
    return out.toString();
  }

  private static void flushLiteral(StringBuilder literal, StringBuilder out) {
    if (literal.length() > 0) {
      out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
      literal.setLength(0);
    }
  }
}
