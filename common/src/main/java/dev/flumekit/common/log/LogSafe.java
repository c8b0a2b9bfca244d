package dev.flumekit.common.log;

/**
 * A value from an event (a header, a topic a header named, a file name) made fit for one log line:
 * control characters escaped, so a crafted value cannot forge log lines or terminal escapes, and
 * cut to {@value #MAX_CHARS} characters, so a huge one cannot flood the log.
 */
public final class LogSafe {
  public static final int MAX_CHARS = 200;

  private LogSafe() {}

  public static String value(Object value) {
    if (value == null) {
      return "null";
    }
    String s = value.toString();
    int shown = Math.min(s.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(shown + 16);
    for (int i = 0; i < shown; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (s.length() > shown) {
      out.append("...(").append(s.length() - shown).append(" more chars)");
    }
    return out.toString();
  }
}
