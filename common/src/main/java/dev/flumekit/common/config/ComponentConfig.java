package dev.flumekit.common.config;

import java.util.List;
import java.util.Map;

/**
 * Base of every flumekit component's configuration, so that all of them have one shape: the
 * component's declared keys ({@link ConfigKey}s of its {@link ConfigDef}) parsed once by a static
 * {@code parse} that reports every problem together, read back typed with {@link #get}; a subclass
 * adds accessors only for values it derives from several keys or builds (templates, policies,
 * client properties), never a second copy of a declared value.
 */
public abstract class ComponentConfig {
  private final String component;
  private final ParsedConfig values;

  protected ComponentConfig(String component, ParsedConfig values) {
    this.component = component;
    this.values = values;
  }

  /** The component's name in messages, e.g. "Kafka sink k1". */
  public String component() {
    return component;
  }

  /** The key's value, its default when absent, or null for an optional key without one. */
  public <T> T get(ConfigKey<T> key) {
    return values.get(key);
  }

  /** Entries under a declared prefix, keyed by the part after it. */
  public Map<String, String> prefixed(ConfigPrefix prefix) {
    return values.prefixed(prefix);
  }

  /** Notices for the operator, such as deprecated keys in use. */
  public List<String> warnings() {
    return values.warnings();
  }
}
