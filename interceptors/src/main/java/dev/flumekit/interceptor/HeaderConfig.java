package dev.flumekit.interceptor;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.template.HeaderTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The header interceptor's configuration: every key declared once, parsed once, immutable. */
public final class HeaderConfig extends ComponentConfig {
  public static final ConfigKey<String> NAME = InterceptorKeys.counterName("headers");

  public static final ConfigPrefix COPY =
      new ConfigPrefix(
          "copy.", "copy.<from> = <to>: copy header <from> to header <to>. Applied first.");

  public static final ConfigPrefix RENAME =
      new ConfigPrefix(
          "rename.", "rename.<from> = <to>: move header <from> to header <to>. Applied second.");

  public static final ConfigPrefix SET =
      new ConfigPrefix(
          "set.",
          "set.<header> = <value>: set the header, replacing any value; %{header} placeholders"
              + " are filled from the event (a missing one leaves the header untouched and counts"
              + " the event as failed). Applied third.");

  public static final ConfigPrefix DEFAULT =
      new ConfigPrefix(
          "default.",
          "default.<header> = <value>: like set, only where the header is absent. Applied"
              + " fourth.");

  public static final ConfigKey<List<String>> REMOVE =
      ConfigKey.builder("remove", ValueType.LIST)
          .defaultValue(List.of())
          .defaultDoc("(none)")
          .doc("Headers to remove. Applied last.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(NAME)
          .key(REMOVE)
          .prefix(COPY)
          .prefix(RENAME)
          .prefix(SET)
          .prefix(DEFAULT)
          .build();

  private final Map<String, String> copies;
  private final Map<String, String> renames;
  private final Map<String, HeaderTemplate> sets;
  private final Map<String, HeaderTemplate> defaults;

  private HeaderConfig(
      ParsedConfig c, Map<String, HeaderTemplate> sets, Map<String, HeaderTemplate> defaults) {
    super("header interceptor", c);
    this.copies = Map.copyOf(c.prefixed(COPY));
    this.renames = Map.copyOf(c.prefixed(RENAME));
    this.sets = sets;
    this.defaults = defaults;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static HeaderConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    for (ConfigPrefix prefix : List.of(COPY, RENAME)) {
      for (Map.Entry<String, String> e : c.prefixed(prefix).entrySet()) {
        if (e.getValue().isEmpty()) {
          problems.invalid(prefix.prefix() + e.getKey(), e.getValue(), "a header name");
        }
      }
    }
    Map<String, HeaderTemplate> sets = templates(c, SET, problems);
    Map<String, HeaderTemplate> defaults = templates(c, DEFAULT, problems);
    if (problems.isEmpty()
        && sets.isEmpty()
        && defaults.isEmpty()
        && c.prefixed(COPY).isEmpty()
        && c.prefixed(RENAME).isEmpty()
        && c.get(REMOVE).isEmpty()) {
      problems.add(
          "copy.*, rename.*, set.*, default.* or remove: at least one expected; none is set");
    }
    problems.throwIfAny("header interceptor");
    return new HeaderConfig(c, sets, defaults);
  }

  private static Map<String, HeaderTemplate> templates(
      ParsedConfig c, ConfigPrefix prefix, ConfigProblems problems) {
    Map<String, HeaderTemplate> templates = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : c.prefixed(prefix).entrySet()) {
      try {
        templates.put(e.getKey(), HeaderTemplate.compile(e.getValue()));
      } catch (IllegalArgumentException ex) {
        problems.invalid(
            prefix.prefix() + e.getKey(),
            e.getValue(),
            "a value with %{header} placeholders (" + ex.getMessage() + ")");
      }
    }
    return templates;
  }

  String name() {
    return get(NAME);
  }

  Map<String, String> copies() {
    return copies;
  }

  Map<String, String> renames() {
    return renames;
  }

  Map<String, HeaderTemplate> sets() {
    return sets;
  }

  Map<String, HeaderTemplate> defaults() {
    return defaults;
  }

  List<String> removals() {
    return get(REMOVE);
  }
}
