package dev.flumekit.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The declared keys of one component. Parses a raw key/value map once, reporting every bad,
 * missing, conflicting or unknown key together, and renders the documentation table the plugin's
 * page carries.
 */
public final class ConfigDef {
  /** Keys Flume itself reads from a component's context (a source's hold its interceptors). */
  private static final Set<String> FLUME_KEYS =
      Set.of("type", "channel", "channels", "interceptors");

  private static final List<String> FLUME_PREFIXES = List.of("interceptors.", "selector.");

  /** What messages show instead of a secret value. */
  public static final String HIDDEN = "[hidden]";

  /** Words in a passthrough key (kafka.producer.*, hbase.*) that mark its value as a secret. */
  private static final List<String> SECRET_WORDS =
      List.of("password", "jaas", "secret", "keytab", "token", "credential", "private.key");

  /** Whether the value of {@code key} is a secret, declared so or by its name. */
  public boolean isSecret(String key) {
    ConfigKey<?> declared = bySpelling.get(key);
    if (declared != null && declared.secret()) {
      return true;
    }
    return namesSecret(key);
  }

  /** Whether {@code key}'s name marks its value as a secret, whatever declares it. */
  public static boolean namesSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  private final List<ConfigKey<?>> keys;
  private final List<ConfigPrefix> prefixes;
  private final Map<String, ConfigKey<?>> bySpelling;

  private ConfigDef(List<ConfigKey<?>> keys, List<ConfigPrefix> prefixes) {
    this.keys = List.copyOf(keys);
    this.prefixes = List.copyOf(prefixes);
    Map<String, ConfigKey<?>> spellings = new HashMap<>();
    for (ConfigKey<?> key : keys) {
      for (String spelling : key.spellings()) {
        if (spellings.put(spelling, key) != null) {
          throw new IllegalStateException("key spelled twice: " + spelling);
        }
      }
    }
    this.bySpelling = spellings;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<ConfigKey<?>> keys() {
    return keys;
  }

  public List<ConfigPrefix> prefixes() {
    return prefixes;
  }

  /**
   * Parses {@code raw}; problems go to {@code problems} (the caller adds cross-key checks and then
   * throws), deprecation notices to the returned config's {@link ParsedConfig#warnings()}.
   */
  public ParsedConfig parse(Map<String, String> raw, ConfigProblems problems) {
    Map<ConfigKey<?>, Object> values = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (ConfigKey<?> key : keys) {
      parseKey(key, raw, values, warnings, problems);
    }
    Map<String, String> sorted = new TreeMap<>(raw);
    for (String given : sorted.keySet()) {
      if (!bySpelling.containsKey(given)
          && !FLUME_KEYS.contains(given)
          && FLUME_PREFIXES.stream().noneMatch(given::startsWith)
          && !matchesPrefix(given)) {
        problems.add(given + ": unknown key" + suggestion(given));
      }
    }
    Map<String, Map<String, String>> byPrefix = new LinkedHashMap<>();
    for (ConfigPrefix prefix : prefixes) {
      Map<String, String> entries = new TreeMap<>();
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        if (prefix.matches(e.getKey()) && !bySpelling.containsKey(e.getKey())) {
          entries.put(e.getKey().substring(prefix.prefix().length()), e.getValue().trim());
        }
      }
      byPrefix.put(prefix.prefix(), entries);
    }
    return new ParsedConfig(values, byPrefix, warnings);
  }

  private <T> void parseKey(
      ConfigKey<T> key,
      Map<String, String> raw,
      Map<ConfigKey<?>, Object> values,
      List<String> warnings,
      ConfigProblems problems) {
    String spelling = null;
    String text = null;
    for (String candidate : key.spellings()) {
      String value = raw.get(candidate);
      if (value == null) {
        continue;
      }
      if (key.deprecatedAliases().contains(candidate)) {
        warnings.add(
            "Configuration key '" + candidate + "' is deprecated; use '" + key.name() + "'");
      }
      if (text == null) {
        spelling = candidate;
        text = value.trim();
      } else if (!text.equals(value.trim())) {
        problems.add(
            spelling
                + " = '"
                + (isSecret(spelling) ? HIDDEN : text)
                + "' and "
                + candidate
                + " = '"
                + (isSecret(candidate) ? HIDDEN : value.trim())
                + "' conflict: set only "
                + key.name());
        return;
      }
    }
    if (text == null) {
      if (key.required()) {
        problems.add(key.name() + ": required, expected " + key.expected());
      } else {
        values.put(key, key.defaultValue());
      }
      return;
    }
    // a declared key named like a secret is one too, whether or not its declaration says so
    String shown = isSecret(spelling) ? HIDDEN : text;
    T parsed;
    try {
      parsed = key.type().parse(text);
    } catch (IllegalArgumentException e) {
      problems.invalid(spelling, shown, key.expected());
      return;
    }
    if (!key.accepts(parsed)) {
      problems.invalid(spelling, shown, key.expected());
      return;
    }
    values.put(key, parsed);
  }

  private boolean matchesPrefix(String given) {
    for (ConfigPrefix prefix : prefixes) {
      if (prefix.matches(given)) {
        return true;
      }
    }
    return false;
  }

  private String suggestion(String given) {
    return Spelling.closest(given, bySpelling.keySet(), 2)
        .map(best -> " (did you mean " + best + "?)")
        .orElse("");
  }

  /**
   * The Markdown table documenting every key and prefix, in declaration order. The plugin's page
   * embeds this table verbatim; a test keeps the two equal.
   */
  public String markdownTable() {
    StringBuilder md = new StringBuilder();
    md.append("| Key | Default | Expected | Description |\n");
    md.append("|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      StringBuilder doc = new StringBuilder(key.doc());
      for (String alias : key.aliases()) {
        doc.append(" Also accepted as `").append(alias).append("`.");
      }
      for (String alias : key.deprecatedAliases()) {
        doc.append(" Legacy `").append(alias).append("` works with a deprecation warning.");
      }
      md.append("| `")
          .append(key.name())
          .append("` | ")
          .append(cell(key.defaultForDocs()))
          .append(" | ")
          .append(cell(key.expected()))
          .append(" | ")
          .append(cell(doc.toString()))
          .append(" |\n");
    }
    for (ConfigPrefix prefix : prefixes) {
      md.append("| `")
          .append(prefix.prefix())
          .append("*` |  |  | ")
          .append(cell(prefix.doc()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Builds a {@link ConfigDef}. */
  public static final class Builder {
    private final List<ConfigKey<?>> keys = new ArrayList<>();
    private final List<ConfigPrefix> prefixes = new ArrayList<>();

    public Builder key(ConfigKey<?> key) {
      keys.add(key);
      return this;
    }

    public Builder prefix(ConfigPrefix prefix) {
      prefixes.add(prefix);
      return this;
    }

    public ConfigDef build() {
      return new ConfigDef(keys, prefixes);
    }
  }
}
