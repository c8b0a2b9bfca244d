package dev.flumekit.interceptor;

import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One numbered rule of a routing or filter interceptor: a {@link Condition} and what happens when
 * it holds, configured as {@code rule.<n>.<test>} plus {@code rule.<n>.<outcome property>}.
 */
record Rule<T>(Condition condition, T outcome) {

  /**
   * The rules under {@code prefix} in order of n, or fewer after adding a problem, named by full
   * key, for each that is malformed.
   */
  static <T> List<Rule<T>> parseAll(
      ConfigPrefix prefix,
      Map<String, String> entries,
      String outcomeProperty,
      ValueType<T> outcomeType,
      ConfigProblems problems) {
    List<Rule<T>> rules = new ArrayList<>();
    for (Map.Entry<Integer, Map<String, String>> group :
        InterceptorKeys.numbered(prefix.prefix(), entries, problems).entrySet()) {
      String keyPrefix = prefix.prefix() + group.getKey() + ".";
      Map<String, String> properties = group.getValue();
      Condition condition =
          Condition.parse(keyPrefix, properties, Set.of(outcomeProperty), problems);
      String text = properties.get(outcomeProperty);
      T outcome = null;
      if (text == null || text.isBlank()) {
        problems.add(
            keyPrefix + outcomeProperty + ": required, expected " + outcomeType.expected());
      } else {
        try {
          outcome = outcomeType.parse(text.trim());
        } catch (IllegalArgumentException e) {
          problems.invalid(keyPrefix + outcomeProperty, text, outcomeType.expected());
        }
      }
      if (condition != null && outcome != null) {
        rules.add(new Rule<>(condition, outcome));
      }
    }
    return List.copyOf(rules);
  }
}
