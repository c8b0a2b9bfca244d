package dev.flumekit.tools.top;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's {@code /health} answer, {@code
 * {"status":"failing","components":3,"problems":["..."]}}: its status and problems. Reads only the
 * exporter's own shape. I/O-free.
 */
record HealthText(String status, List<String> problems) {
  static HealthText parse(String json) {
    List<String> strings = new ArrayList<>();
    String status = null;
    int problemsAt = json.indexOf("\"problems\"");
    for (int i = 0; i < json.length(); i++) {
      if (json.charAt(i) != '"') {
        continue;
      }
      StringBuilder s = new StringBuilder();
      int j = i + 1;
      for (; j < json.length() && json.charAt(j) != '"'; j++) {
        char c = json.charAt(j);
        if (c == '\\' && j + 1 < json.length()) {
          char e = json.charAt(++j);
          if (e == 'u' && j + 4 < json.length()) {
            s.append((char) Integer.parseInt(json.substring(j + 1, j + 5), 16));
            j += 4;
          } else {
            s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
          }
        } else {
          s.append(c);
        }
      }
      String value = s.toString();
      if (status == null && "status".equals(last(strings))) {
        status = value;
      }
      if (problemsAt >= 0 && i > problemsAt + "\"problems\"".length()) {
        strings.add("\u0000" + value); // a problem
      } else {
        strings.add(value);
      }
      i = j;
    }
    List<String> problems =
        strings.stream().filter(v -> v.startsWith("\u0000")).map(v -> v.substring(1)).toList();
    return new HealthText(status, problems);
  }

  private static String last(List<String> strings) {
    return strings.isEmpty() ? null : strings.get(strings.size() - 1);
  }
}
