package dev.flumekit.common.json;

/** Writing JSON by hand where a library would be a dependency too many: strings, quoted. */
public final class JsonText {
  private JsonText() {}

  /** Appends {@code s} as a JSON string: quoted, with quotes, backslashes and controls escaped. */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
