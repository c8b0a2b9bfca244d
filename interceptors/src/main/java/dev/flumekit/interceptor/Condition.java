package dev.flumekit.interceptor;

import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.regex.LineRegex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.Event;

/**
 * A test on one event, configured as the properties of a numbered rule: {@code header} with exactly
 * one of {@code equals}, {@code prefix}, {@code suffix}, {@code contains}, {@code in}, {@code
 * regex}, {@code exists}; or one of {@code bodyPrefix}, {@code bodyContains}, {@code bodyRegex}.
 */
interface Condition {
  List<String> HEADER_TESTS =
      List.of("equals", "prefix", "suffix", "contains", "in", "regex", "exists");
  List<String> BODY_TESTS = List.of("bodyPrefix", "bodyContains", "bodyRegex");

  boolean matches(Event event);

  /**
   * The condition of a rule, or null after adding problems named by full key ({@code rule.2.in}).
   *
   * @param ruleProperties the rule's properties, e.g. {@code header}, {@code equals}
   * @param otherProperties properties of the rule that are not part of the condition
   */
  static Condition parse(
      String keyPrefix,
      Map<String, String> ruleProperties,
      Set<String> otherProperties,
      ConfigProblems problems) {
    List<String> tests = new ArrayList<>();
    for (String property : new TreeSet<>(ruleProperties.keySet())) {
      if (HEADER_TESTS.contains(property) || BODY_TESTS.contains(property)) {
        tests.add(property);
      } else if (!property.equals("header") && !otherProperties.contains(property)) {
        List<String> known = new ArrayList<>(List.of("header"));
        known.addAll(HEADER_TESTS);
        known.addAll(BODY_TESTS);
        known.addAll(otherProperties);
        problems.add(
            keyPrefix
                + property
                + ": unknown rule property; expected one of "
                + String.join(", ", known));
      }
    }
    if (tests.size() != 1) {
      problems.add(
          keyPrefix
              + "*: expected exactly one test ("
              + String.join(", ", HEADER_TESTS)
              + " with header, or "
              + String.join(", ", BODY_TESTS)
              + "), found "
              + (tests.isEmpty() ? "none" : String.join(", ", tests)));
      return null;
    }
    String test = tests.get(0);
    String value = ruleProperties.get(test).trim();
    String header = ruleProperties.get("header");
    if (HEADER_TESTS.contains(test) && (header == null || header.isBlank())) {
      problems.add(keyPrefix + "header: required with " + keyPrefix + test);
      return null;
    }
    if (BODY_TESTS.contains(test) && header != null) {
      problems.add(keyPrefix + "header: not used with " + keyPrefix + test + "; remove one");
      return null;
    }
    String name = header == null ? null : header.trim();
    switch (test) {
      case "equals":
        return e -> value.equals(e.getHeaders().get(name));
      case "prefix":
        return e -> startsWith(e.getHeaders().get(name), value);
      case "suffix":
        return e -> {
          String v = e.getHeaders().get(name);
          return v != null && v.endsWith(value);
        };
      case "contains":
        return e -> {
          String v = e.getHeaders().get(name);
          return v != null && v.contains(value);
        };
      case "in":
        {
          List<String> items;
          try {
            items = ValueType.LIST.parse(value);
          } catch (IllegalArgumentException ex) {
            problems.invalid(keyPrefix + test, value, ValueType.LIST.expected());
            return null;
          }
          Set<String> set = Set.copyOf(items);
          return e -> {
            String v = e.getHeaders().get(name);
            return v != null && set.contains(v);
          };
        }
      case "exists":
        {
          Boolean exists;
          try {
            exists = ValueType.BOOLEAN.parse(value);
          } catch (IllegalArgumentException ex) {
            problems.invalid(keyPrefix + test, value, ValueType.BOOLEAN.expected());
            return null;
          }
          return e -> e.getHeaders().containsKey(name) == exists;
        }
      case "regex":
        {
          LineRegex pattern = compile(keyPrefix + test, value, problems);
          return pattern == null
              ? null
              : e -> {
                String v = e.getHeaders().get(name);
                return v != null && pattern.find(v);
              };
        }
      case "bodyPrefix":
        {
          byte[] prefix = value.getBytes(StandardCharsets.UTF_8);
          return e -> indexOf(e.getBody(), prefix, true) == 0;
        }
      case "bodyContains":
        {
          byte[] needle = value.getBytes(StandardCharsets.UTF_8);
          return e -> indexOf(e.getBody(), needle, false) >= 0;
        }
      default:
        {
          LineRegex pattern = compile(keyPrefix + test, value, problems);
          return pattern == null
              ? null
              : e ->
                  e.getBody() != null
                      && pattern.find(new String(e.getBody(), StandardCharsets.UTF_8));
        }
    }
  }

  private static boolean startsWith(String value, String prefix) {
    return value != null && value.startsWith(prefix);
  }

  private static LineRegex compile(String key, String regex, ConfigProblems problems) {
    try {
      return LineRegex.compile(regex);
    } catch (IllegalArgumentException ex) {
      problems.invalid(key, regex, "a Java regular expression (" + ex.getMessage() + ")");
      return null;
    }
  }

  /** Position of {@code needle} in {@code body}, or -1; only position 0 when {@code atStart}. */
  private static int indexOf(byte[] body, byte[] needle, boolean atStart) {
    if (body == null) {
      return -1;
    }
    int last = atStart ? 0 : body.length - needle.length;
    outer:
    for (int i = 0; i <= last && i + needle.length <= body.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
