package dev.flumekit.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An access-log line layout compiled from an nginx {@code log_format} string: literal separators
 * between {@code $variable} fields. {@code combined} and {@code common} name the layouts nginx and
 * Apache httpd write by default.
 */
final class AccessLogFormat {
  static final String COMBINED =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
          + " \"$http_referer\" \"$http_user_agent\"";
  static final String COMMON =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent";

  /** How a field's text becomes headers. */
  enum Kind {
    TEXT,
    TIME_LOCAL,
    TIME_ISO8601,
    REQUEST,
    NUMBER,
    NUMBER_OR_DASH
  }

  /**
   * One {@code $variable}: what it is, the header it fills, how its end is found, and whether its
   * values tend to repeat from line to line (so that decoding them once pays).
   */
  record Field(String variable, Kind kind, String header, boolean quoted, boolean repeats) {}

  /** Literal bytes expected before field i (index i), and after the last field (last index). */
  private final byte[][] literals;

  private final Field[] fields;
  private final int optionalFrom;
  private final String source;

  private AccessLogFormat(String source, List<byte[]> literals, List<Field> fields) {
    this.source = source;
    this.literals = literals.toArray(new byte[0][]);
    this.fields = fields.toArray(new Field[0]);
    int status = -1;
    for (int i = 0; i < this.fields.length; i++) {
      if (this.fields[i].variable().equals("status")) {
        status = i;
      }
    }
    this.optionalFrom = status < 0 ? this.fields.length : status + 1;
  }

  /**
   * Compiles {@code combined}, {@code common} or a {@code log_format} string.
   *
   * @throws IllegalArgumentException with the reason, if the format has no field, or two fields
   *     with nothing between them
   */
  static AccessLogFormat compile(String format) {
    String layout =
        switch (format) {
          case "combined" -> COMBINED;
          case "common" -> COMMON;
          default -> format;
        };
    List<byte[]> literals = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      char c = layout.charAt(i);
      if (c == '$' && i + 1 < layout.length()) {
        int start = i + 1;
        int end;
        String name;
        if (layout.charAt(start) == '{') {
          end = layout.indexOf('}', start);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed ${ at position " + i);
          }
          name = layout.substring(start + 1, end);
          end++;
        } else {
          end = start;
          while (end < layout.length() && isNameChar(layout.charAt(end))) {
            end++;
          }
          name = layout.substring(start, end);
        }
        if (!name.isEmpty()) {
          if (!variables.isEmpty() && literal.length() == 0) {
            throw new IllegalArgumentException(
                "$" + variables.get(variables.size() - 1) + " and $" + name + " need a separator");
          }
          literals.add(literal.toString().getBytes(StandardCharsets.UTF_8));
          literal.setLength(0);
          variables.add(name);
          i = end;
          continue;
        }
      }
      literal.append(c);
      i++;
    }
    literals.add(literal.toString().getBytes(StandardCharsets.UTF_8));
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("no $variable in the format");
    }
    List<Field> fields = new ArrayList<>();
    for (int f = 0; f < variables.size(); f++) {
      byte[] before = literals.get(f);
      byte[] after = literals.get(f + 1);
      boolean quoted =
          before.length > 0
              && before[before.length - 1] == '"'
              && after.length > 0
              && after[0] == '"';
      fields.add(field(variables.get(f), quoted));
    }
    return new AccessLogFormat(format, literals, fields);
  }

  private static Field field(String variable, boolean quoted) {
    return switch (variable) {
      case "remote_addr" -> new Field(variable, Kind.TEXT, "client", quoted, false);
      case "remote_user" -> new Field(variable, Kind.TEXT, "user", quoted, true);
      case "time_local" -> new Field(variable, Kind.TIME_LOCAL, null, quoted, false);
      case "time_iso8601" -> new Field(variable, Kind.TIME_ISO8601, null, quoted, false);
      case "request" -> new Field(variable, Kind.REQUEST, null, quoted, false);
      case "status" -> new Field(variable, Kind.NUMBER, "status", quoted, true);
      case "body_bytes_sent", "bytes_sent" ->
          new Field(variable, Kind.NUMBER_OR_DASH, "bytes", quoted, false);
      case "http_referer" -> new Field(variable, Kind.TEXT, "referer", quoted, true);
      case "http_user_agent" -> new Field(variable, Kind.TEXT, "agent", quoted, true);
      default -> new Field(variable, Kind.TEXT, variable, quoted, false);
    };
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  int fieldCount() {
    return fields.length;
  }

  Field field(int i) {
    return fields[i];
  }

  /** The separator before field {@code i}; {@code literal(fieldCount())} is the line's tail. */
  byte[] literal(int i) {
    return literals[i];
  }

  /** Fields from this index on may be missing from a line that ends early (after $status). */
  int optionalFrom() {
    return optionalFrom;
  }

  /** Every header name a line of this format can produce, request parts included. */
  List<String> headerNames() {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      switch (f.kind()) {
        case REQUEST -> names.addAll(List.of("method", "path", "query", "protocol", "request"));
        case TIME_LOCAL, TIME_ISO8601 -> {}
        default -> names.add(f.header());
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return source;
  }
}
