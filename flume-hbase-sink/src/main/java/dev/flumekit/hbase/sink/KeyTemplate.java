package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.HBaseEventSerializer.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A row key or column name built from an event: literal text and placeholders.
 *
 * <ul>
 *   <li>{@code %{header}}: the header's value; {@code %{header:N}} left-pads it with zeros to N
 *       characters (numbers sort as numbers).
 *   <li>{@code %{time:PATTERN}}: the event time (header {@code timestamp}, epoch ms) in a java.time
 *       pattern, e.g. {@code %{time:yyyyMMdd}}.
 *   <li>{@code %{reversedTime}}: Long.MAX_VALUE minus the event time, 19 digits (newest first).
 *   <li>{@code %{hash}}: 16 hex digits of a 64-bit hash of the body: the same event always gets the
 *       same key, so a replay overwrites instead of duplicating.
 *   <li>{@code %{salt:N}}: a bucket from 0 to N-1, zero-padded, from a hash of the rest of the key,
 *       so that sequential keys spread over N regions.
 * </ul>
 */
final class KeyTemplate {
  private interface Part {
    /** Appends this part; throws if the event lacks what it needs. */
    void render(Event event, StringBuilder out) throws InvalidEventException;
  }

  /** The parts of an event a template reads. */
  record Event(Map<String, String> headers, byte[] body) {}

  private final String source;
  private final List<Part> parts;
  private final int saltBuckets;
  private final int saltIndex;

  private KeyTemplate(String source, List<Part> parts, int saltBuckets, int saltIndex) {
    this.source = source;
    this.parts = List.copyOf(parts);
    this.saltBuckets = saltBuckets;
    this.saltIndex = saltIndex;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong in the template
   */
  static KeyTemplate compile(String template, ZoneId zone) {
    List<Part> parts = new ArrayList<>();
    int saltBuckets = 0;
    int saltIndex = -1;
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      if (!template.startsWith("%{", i)) {
        literal.append(template.charAt(i++));
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) {
        throw new IllegalArgumentException("unclosed %{ at position " + i);
      }
      if (literal.length() > 0) {
        String text = literal.toString();
        parts.add((e, out) -> out.append(text));
        literal.setLength(0);
      }
      String spec = template.substring(i + 2, end).trim();
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      String argument = colon < 0 ? null : spec.substring(colon + 1);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty placeholder at position " + i);
      }
      switch (name) {
        case "time" -> parts.add(time(argument, zone));
        case "reversedTime" -> parts.add(KeyTemplate::reversedTime);
        case "hash" -> parts.add((e, out) -> out.append(hex(hash(e))));
        case "salt" -> {
          if (saltIndex >= 0) {
            throw new IllegalArgumentException("more than one %{salt:N}");
          }
          saltBuckets = positive(argument, "%{salt:N}");
          saltIndex = parts.size();
          parts.add((e, out) -> {});
        }
        default -> parts.add(header(name, argument));
      }
      i = end + 1;
    }
    if (literal.length() > 0) {
      String text = literal.toString();
      parts.add((e, out) -> out.append(text));
    }
    return new KeyTemplate(template, parts, saltBuckets, saltIndex);
  }

  private static Part time(String pattern, ZoneId zone) {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("%{time:PATTERN} needs a pattern, e.g. %{time:yyyyMMdd}");
    }
    DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
    if (DayText.dateOnly(pattern)) {
      DayText days = new DayText(formatter, zone);
      return (e, out) -> out.append(days.text(eventTime(e)));
    }
    return (e, out) -> formatter.formatTo(Instant.ofEpochMilli(eventTime(e)), out);
  }

  private static void reversedTime(Event e, StringBuilder out) throws InvalidEventException {
    String digits = Long.toString(Long.MAX_VALUE - eventTime(e));
    out.append("0".repeat(19 - digits.length())).append(digits);
  }

  private static Part header(String name, String width) {
    int pad = width == null ? 0 : positive(width, "%{" + name + ":N}");
    return (e, out) -> {
      String value = e.headers().get(name);
      if (value == null) {
        throw new InvalidEventException("header " + name + " is absent");
      }
      for (int n = value.length(); n < pad; n++) {
        out.append('0');
      }
      out.append(value);
    };
  }

  private static int positive(String text, String what) {
    try {
      int n = Integer.parseInt(text == null ? "" : text.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " needs a positive integer N, got '" + text + "'");
  }

  /** The event time in epoch ms from header {@code timestamp}. */
  static long eventTime(Event e) throws InvalidEventException {
    String value = e.headers().get("timestamp");
    if (value == null) {
      throw new InvalidEventException("header timestamp (the event time) is absent");
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException ex) {
      throw new InvalidEventException("header timestamp = '" + value + "' is not epoch ms");
    }
  }

  byte[] render(Event event) throws InvalidEventException {
    StringBuilder out = new StringBuilder(source.length() + 32);
    int saltAt = -1;
    for (int i = 0; i < parts.size(); i++) {
      if (i == saltIndex) {
        saltAt = out.length();
      }
      parts.get(i).render(event, out);
    }
    if (saltAt >= 0) {
      String bucket = Long.toString(Long.remainderUnsigned(hashOf(out), saltBuckets));
      int width = Integer.toString(saltBuckets - 1).length();
      out.insert(saltAt, "0".repeat(width - bucket.length()) + bucket);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long hashOf(CharSequence text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** A 64-bit hash of the body, stable across hosts and runs. */
  static long hash(Event e) {
    long h = 0xcbf29ce484222325L;
    if (e.body() != null) {
      for (byte b : e.body()) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
    }
    return mix(h);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return source;
  }
}
