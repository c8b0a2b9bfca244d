package dev.flumekit.interceptor;

import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ValueType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Keys and value types that several interceptors declare the same way. */
final class InterceptorKeys {
  private InterceptorKeys() {}

  static ConfigKey<String> counterName(String defaultName) {
    return ConfigKey.builder("name", ValueType.NON_EMPTY_STRING)
        .defaultValue(defaultName)
        .doc(
            "Name of the interceptor's counters in JMX and Flume's HTTP monitoring"
                + " (INTERCEPTOR.<name>; a second open interceptor with the same name gets -2, -3,"
                + " ...). The Prometheus exporter labels them with the name the configuration"
                + " gives the interceptor instead.")
        .build();
  }

  /**
   * Whether events that already have {@code header} (the name of the key naming it) are left be.
   */
  static ConfigKey<Boolean> preserveExisting(String headerKey) {
    return ConfigKey.builder("preserveExisting", ValueType.BOOLEAN)
        .defaultValue(false)
        .doc("Leave events that already have the " + headerKey + " header untouched.")
        .build();
  }

  static ConfigKey<ZoneId> timezone() {
    return ConfigKey.builder("timezone", ValueType.ZONE_ID)
        .defaultValue(ZoneOffset.UTC)
        .defaultDoc("UTC")
        .doc("Zone of times whose text carries no offset or zone.")
        .build();
  }

  static ConfigKey<Locale> locale() {
    return ConfigKey.builder(
            "locale",
            ValueType.of(
                "a language tag such as en or zh-CN",
                s -> {
                  Locale locale = Locale.forLanguageTag(s);
                  if (locale.getLanguage().isEmpty()) {
                    throw new IllegalArgumentException();
                  }
                  return locale;
                }))
        .defaultValue(Locale.ENGLISH)
        .defaultDoc("en")
        .doc(
            "Language of month and day names in patterns; fixed, so that the JVM's default"
                + " locale (zh_CN, say) cannot break parsing.")
        .build();
  }

  static ConfigKey<String> timestampHeader() {
    return ConfigKey.builder("timestampHeader", ValueType.NON_EMPTY_STRING)
        .defaultValue("timestamp")
        .doc("Header that receives the event time in epoch milliseconds.")
        .build();
  }

  /** A comma-separated list whose items each parse with {@code item}. */
  static <T> ValueType<List<T>> listOf(String expected, Function<String, T> item) {
    return ValueType.of(
        expected,
        s -> {
          List<T> items = new ArrayList<>();
          for (String text : ValueType.LIST.parse(s)) {
            items.add(item.apply(text));
          }
          return List.copyOf(items);
        });
  }

  /**
   * The numbered groups under {@code prefix}, such as {@code rule.1.header} and {@code
   * rule.1.equals}, in number order: number → (sub-key → value). A group name that is not a
   * positive integer is a problem.
   */
  static SortedMap<Integer, Map<String, String>> numbered(
      String prefix, Map<String, String> entries, ConfigProblems problems) {
    SortedMap<Integer, Map<String, String>> groups = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String key = e.getKey();
      int dot = key.indexOf('.');
      String number = dot < 0 ? key : key.substring(0, dot);
      int n;
      try {
        n = Integer.parseInt(number);
      } catch (NumberFormatException ex) {
        n = -1;
      }
      if (n < 1 || dot < 0 || dot == key.length() - 1) {
        problems.add(
            prefix
                + key
                + ": expected "
                + prefix
                + "<n>.<property> with n a positive integer, e.g. "
                + prefix
                + "1.header");
        continue;
      }
      groups.computeIfAbsent(n, k -> new TreeMap<>()).put(key.substring(dot + 1), e.getValue());
    }
    return groups;
  }
}
