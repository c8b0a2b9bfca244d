package dev.flumekit.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Values parsed by a {@link ConfigDef}: typed values by key, and free-form entries by prefix. */
public final class ParsedConfig {
  private final Map<ConfigKey<?>, Object> values;
  private final Map<String, Map<String, String>> byPrefix;
  private final List<String> warnings;

  ParsedConfig(
      Map<ConfigKey<?>, Object> values,
      Map<String, Map<String, String>> byPrefix,
      List<String> warnings) {
    this.values = values;
    this.byPrefix = byPrefix;
    this.warnings = List.copyOf(warnings);
  }

  /** The value, the default when absent, or null when the key is invalid or has no default. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) values.get(key);
  }

  public <T> Optional<T> optional(ConfigKey<T> key) {
    return Optional.ofNullable(get(key));
  }

  /** Entries under a declared prefix, keyed by the part after the prefix. */
  public Map<String, String> prefixed(ConfigPrefix prefix) {
    return byPrefix.getOrDefault(prefix.prefix(), Map.of());
  }

  /** Notices for the operator, such as deprecated keys in use. */
  public List<String> warnings() {
    return warnings;
  }
}
