package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.template.HeaderTemplate;
import java.util.List;
import java.util.Map;

/** The routing interceptor's configuration: every key declared once, parsed once, immutable. */
public final class RoutingConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("routing");

  public static final ConfigKey<String> HEADER =
      ConfigKey.builder("header", ValueType.NON_EMPTY_STRING)
          .defaultValue("topic")
          .doc("Header the rules set; topic is what the Kafka sink routes by.")
          .build();

  private static final ValueType<HeaderTemplate> VALUE =
      ValueType.of("a value, %{header} placeholders allowed", HeaderTemplate::compile);

  public static final ConfigKey<HeaderTemplate> DEFAULT =
      ConfigKey.builder("default", VALUE)
          .doc("Value when no rule matches. Unset: the header is left as it is.")
          .build();

  public static final ConfigKey<Boolean> PRESERVE_EXISTING =
      InterceptorKeys.preserveExisting("header");

  public static final ConfigPrefix RULE =
      new ConfigPrefix(
          "rule.",
          "rule.<n>.header with one of rule.<n>.equals, prefix, suffix, contains, in (a list),"
              + " regex, exists (true/false), or rule.<n>.bodyPrefix, bodyContains, bodyRegex; and"
              + " rule.<n>.value, the value to set (%{header} placeholders allowed). Rules are tried"
              + " in order of n; the first that matches sets the header.");

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(HEADER)
          .key(DEFAULT)
          .key(PRESERVE_EXISTING)
          .prefix(RULE)
          .build();

  private final List<Rule<HeaderTemplate>> rules;

  private RoutingConfig(ParsedConfig c, List<Rule<HeaderTemplate>> rules) {
    super("routing interceptor", c);
    this.rules = rules;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static RoutingConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    List<Rule<HeaderTemplate>> rules =
        Rule.parseAll(RULE, c.prefixed(RULE), "value", VALUE, problems);
    if (rules.isEmpty() && c.get(DEFAULT) == null && problems.isEmpty()) {
      problems.add("rule.<n>.*: at least one rule, or default, expected; none is set");
    }
    problems.throwIfAny("routing interceptor");
    return new RoutingConfig(c, rules);
  }

  String name() {
    return get(NAME);
  }

  String header() {
    return get(HEADER);
  }

  /** Null when unset. */
  HeaderTemplate defaultValue() {
    return get(DEFAULT);
  }

  boolean preserveExisting() {
    return get(PRESERVE_EXISTING);
  }

  List<Rule<HeaderTemplate>> rules() {
    return rules;
  }
}
