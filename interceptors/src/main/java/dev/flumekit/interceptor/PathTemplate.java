package dev.flumekit.interceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * A URL path pattern such as {@code /class/{course}.html}: literal text and named captures. A path
 * matches when the whole of it fits; each capture takes a non-empty run of characters other than
 * {@code /} up to the next literal, and becomes a header.
 */
final class PathTemplate {
  private final String source;
  private final String[] literals;
  private final String[] names;

  private PathTemplate(String source, List<String> literals, List<String> names) {
    this.source = source;
    this.literals = literals.toArray(new String[0]);
    this.names = names.toArray(new String[0]);
  }

  /**
   * @throws IllegalArgumentException if a capture is unclosed, unnamed, or follows another capture
   *     directly
   */
  static PathTemplate compile(String template) {
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed { at position " + i);
        }
        String name = template.substring(i + 1, end).trim();
        if (name.isEmpty()) {
          throw new IllegalArgumentException("empty {} at position " + i);
        }
        if (!names.isEmpty() && literal.length() == 0) {
          throw new IllegalArgumentException("{" + name + "} directly follows another capture");
        }
        literals.add(literal.toString());
        literal.setLength(0);
        names.add(name);
        i = end + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no {capture} in " + template);
    }
    return new PathTemplate(template, literals, names);
  }

  /** The captured values, value i for {@link #captureName(int) capture i}, or null if no match. */
  String[] match(String path) {
    if (!path.startsWith(literals[0])) {
      return null;
    }
    String[] values = new String[names.length];
    int pos = literals[0].length();
    for (int i = 0; i < names.length; i++) {
      String next = literals[i + 1];
      int end;
      if (next.isEmpty()) {
        end = path.length();
      } else {
        end = path.indexOf(next, pos);
        if (end < 0) {
          return null;
        }
      }
      int slash = path.indexOf('/', pos);
      if (end == pos || (slash >= 0 && slash < end)) {
        return null;
      }
      values[i] = path.substring(pos, end);
      pos = end + next.length();
    }
    return pos == path.length() ? values : null;
  }

  String captureName(int i) {
    return names[i];
  }

  @Override
  public String toString() {
    return source;
  }
}
