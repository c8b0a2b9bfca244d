package dev.flumekit.common.config;

/**
 * A family of keys sharing a prefix whose suffixes are free-form, e.g. {@code kafka.producer.*}
 * passed through to a client, or {@code header.<flumeHeader>}.
 */
public final class ConfigPrefix {
  private final String prefix;
  private final String doc;

  public ConfigPrefix(String prefix, String doc) {
    if (!prefix.endsWith(".")) {
      throw new IllegalArgumentException("a prefix ends with '.': " + prefix);
    }
    this.prefix = prefix;
    this.doc = doc;
  }

  public String prefix() {
    return prefix;
  }

  public String doc() {
    return doc;
  }

  public boolean matches(String key) {
    return key.startsWith(prefix) && key.length() > prefix.length();
  }
}
