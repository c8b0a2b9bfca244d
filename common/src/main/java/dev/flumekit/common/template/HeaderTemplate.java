package dev.flumekit.common.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A string with {@code %{header}} placeholders, compiled once and rendered per event without regex
 * or intermediate allocation beyond the result.
 *
 * <p>A literal {@code %} that does not start a placeholder is kept as it is.
 */
public final class HeaderTemplate {
  private final String source;
  private final String[] literals;
  private final String[] headers;

  private HeaderTemplate(String source, List<String> literals, List<String> headers) {
    this.source = source;
    this.literals = literals.toArray(new String[0]);
    this.headers = headers.toArray(new String[0]);
  }

  /**
   * @throws IllegalArgumentException if a placeholder is not closed or names no header
   */
  public static HeaderTemplate compile(String template) {
    List<String> literals = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith("%{", i)) {
        int end = template.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed %{ at position " + i);
        }
        String name = template.substring(i + 2, end).trim();
        if (name.isEmpty()) {
          throw new IllegalArgumentException("empty %{} at position " + i);
        }
        literals.add(literal.toString());
        literal.setLength(0);
        headers.add(name);
        i = end + 1;
      } else {
        literal.append(template.charAt(i++));
      }
    }
    literals.add(literal.toString());
    return new HeaderTemplate(template, literals, headers);
  }

  /** True if the template has no placeholder, so every event renders the same string. */
  public boolean isConstant() {
    return headers.length == 0;
  }

  public List<String> headerNames() {
    List<String> names = new ArrayList<>(headers.length);
    Collections.addAll(names, headers);
    return names;
  }

  /** The rendered string, or null if a header the template names is absent. */
  public String render(Map<String, String> eventHeaders) {
    if (headers.length == 0) {
      return literals[0];
    }
    StringBuilder out = new StringBuilder(source.length() + 16);
    for (int i = 0; i < headers.length; i++) {
      String value = eventHeaders.get(headers[i]);
      if (value == null) {
        return null;
      }
      out.append(literals[i]).append(value);
    }
    return out.append(literals[headers.length]).toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
