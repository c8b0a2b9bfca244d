package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import java.util.List;
import java.util.Map;

/** The filter interceptor's configuration: every key declared once, parsed once, immutable. */
public final class FilterConfig extends ComponentConfig {
  private static final ValueType<Boolean> ACTION =
      ValueType.of(
          "include or exclude",
          s -> {
            if (s.equalsIgnoreCase("include")) {
              return true;
            }
            if (s.equalsIgnoreCase("exclude")) {
              return false;
            }
            throw new IllegalArgumentException();
          });

  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("filter");

  public static final ConfigPrefix RULE =
      new ConfigPrefix(
          "rule.",
          "rule.<n>.action (include or exclude) with rule.<n>.header and one of equals, prefix,"
              + " suffix, contains, in (a list), regex, exists (true/false), or"
              + " rule.<n>.bodyPrefix, bodyContains, bodyRegex. Rules are tried in order of n; the"
              + " first that matches decides.");

  public static final ConfigKey<Boolean> DEFAULT_ACTION =
      ConfigKey.builder("defaultAction", ACTION)
          .defaultValue(true)
          .defaultDoc("include")
          .doc("What happens to an event no rule matches.")
          .build();

  public static final ConfigKey<Integer> SAMPLE_RATE =
      ConfigKey.builder("sampleRate", ValueType.INT)
          .defaultValue(1)
          .validator(Validator.atLeast(1))
          .doc(
              "Keep 1 in N of the included events, chosen by a hash of sampleHeader (or the body),"
                  + " so that all events of one user or host are kept or dropped together and every"
                  + " agent chooses alike. 1 keeps all.")
          .build();

  public static final ConfigKey<String> SAMPLE_HEADER =
      ConfigKey.builder("sampleHeader", ValueType.NON_EMPTY_STRING)
          .doc("Header whose value decides sampling. Unset: the body.")
          .build();

  public static final ConfigKey<Long> DEDUP_WINDOW_MS =
      ConfigKey.builder("dedupWindowMs", ValueType.LONG)
          .defaultValue(0L)
          .validator(Validator.atLeast(0L))
          .doc(
              "Drop an event when one with the same dedupHeader value (or body) passed less than"
                  + " this many milliseconds earlier. 0 turns deduplication off.")
          .build();

  public static final ConfigKey<String> DEDUP_HEADER =
      ConfigKey.builder("dedupHeader", ValueType.NON_EMPTY_STRING)
          .doc("Header whose value identifies duplicates. Unset: the body.")
          .build();

  public static final ConfigKey<Integer> DEDUP_MAX_ENTRIES =
      ConfigKey.builder("dedupMaxEntries", ValueType.INT)
          .defaultValue(100_000)
          .validator(Validator.atLeast(1))
          .doc(
              "Most events remembered for deduplication (about 100 bytes each); the oldest are"
                  + " forgotten first, even inside the window.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(DEFAULT_ACTION)
          .key(SAMPLE_RATE)
          .key(SAMPLE_HEADER)
          .key(DEDUP_WINDOW_MS)
          .key(DEDUP_HEADER)
          .key(DEDUP_MAX_ENTRIES)
          .prefix(RULE)
          .build();

  private final List<Rule<Boolean>> rules;

  private FilterConfig(ParsedConfig c, List<Rule<Boolean>> rules) {
    super("filter interceptor", c);
    this.rules = rules;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static FilterConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    List<Rule<Boolean>> rules = Rule.parseAll(RULE, c.prefixed(RULE), "action", ACTION, problems);
    if (c.get(SAMPLE_HEADER) != null && Integer.valueOf(1).equals(c.get(SAMPLE_RATE))) {
      problems.add(SAMPLE_HEADER.name() + ": has no effect unless sampleRate > 1");
    }
    if (c.get(DEDUP_HEADER) != null && Long.valueOf(0).equals(c.get(DEDUP_WINDOW_MS))) {
      problems.add(DEDUP_HEADER.name() + ": has no effect unless dedupWindowMs > 0");
    }
    problems.throwIfAny("filter interceptor");
    return new FilterConfig(c, rules);
  }

  String name() {
    return get(NAME);
  }

  List<Rule<Boolean>> rules() {
    return rules;
  }

  boolean defaultInclude() {
    return get(DEFAULT_ACTION);
  }

  int sampleRate() {
    return get(SAMPLE_RATE);
  }

  /** Null: the body. */
  String sampleHeader() {
    return get(SAMPLE_HEADER);
  }

  long dedupWindowMs() {
    return get(DEDUP_WINDOW_MS);
  }

  /** Null: the body. */
  String dedupHeader() {
    return get(DEDUP_HEADER);
  }

  int dedupMaxEntries() {
    return get(DEDUP_MAX_ENTRIES);
  }
}
