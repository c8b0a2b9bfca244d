package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.template.HeaderTemplate;
import java.util.List;
import java.util.Map;

/** The key interceptor's configuration: every key declared once, parsed once, immutable. */
public final class KeyConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("key");

  public static final ConfigKey<String> HEADER =
      ConfigKey.builder("header", ValueType.NON_EMPTY_STRING)
          .defaultValue("key")
          .doc("Header to set; key is the record key of the Kafka sink (its keyHeader).")
          .build();

  public static final ConfigKey<HeaderTemplate> TEMPLATE =
      ConfigKey.builder(
              "template",
              ValueType.of("a value with %{header} placeholders", HeaderTemplate::compile))
          .doc("The key as a template, e.g. %{client} or %{host}-%{app}. Set this or hashOf.")
          .build();

  public static final ConfigKey<List<String>> HASH_OF =
      ConfigKey.builder("hashOf", ValueType.LIST)
          .doc(
              "Headers whose values, hashed together (64-bit, stable across hosts and runs), make"
                  + " the key as 16 hex digits: compact, and no personal data in the key. Set this"
                  + " or template.")
          .build();

  public static final ConfigKey<Boolean> PRESERVE_EXISTING =
      InterceptorKeys.preserveExisting("header");

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(HEADER)
          .key(TEMPLATE)
          .key(HASH_OF)
          .key(PRESERVE_EXISTING)
          .build();

  private KeyConfig(ParsedConfig c) {
    super("key interceptor", c);
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static KeyConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    boolean template = raw.containsKey(TEMPLATE.name());
    boolean hash = raw.containsKey(HASH_OF.name());
    if (template == hash) {
      problems.add("template, hashOf: set exactly one, found " + (template ? "both" : "neither"));
    }
    problems.throwIfAny("key interceptor");
    return new KeyConfig(c);
  }

  String name() {
    return get(NAME);
  }

  String header() {
    return get(HEADER);
  }

  /** Null when hashOf is set. */
  HeaderTemplate template() {
    return get(TEMPLATE);
  }

  /** Null when template is set. */
  List<String> hashOf() {
    return get(HASH_OF);
  }

  boolean preserveExisting() {
    return get(PRESERVE_EXISTING);
  }
}
