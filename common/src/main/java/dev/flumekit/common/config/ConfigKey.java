package dev.flumekit.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configuration key, declared once: its name, type, default, constraints, documentation, and
 * the other spellings it is accepted under (Flume's own names, deprecated legacy names).
 */
public final class ConfigKey<T> {
  private final String name;
  private final ValueType<T> type;
  private final T defaultValue;
  private final String defaultDoc;
  private final boolean required;
  private final List<Validator<T>> validators;
  private final String doc;
  private final List<String> aliases;
  private final List<String> deprecatedAliases;
  private final boolean secret;

  private ConfigKey(Builder<T> b) {
    this.name = b.name;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.defaultDoc = b.defaultDoc;
    this.required = b.required;
    this.validators = List.copyOf(b.validators);
    this.doc = Objects.requireNonNull(b.doc, "doc of " + b.name);
    this.aliases = List.copyOf(b.aliases);
    this.deprecatedAliases = List.copyOf(b.deprecatedAliases);
    this.secret = b.secret;
  }

  public static <T> Builder<T> builder(String name, ValueType<T> type) {
    return new Builder<>(name, type);
  }

  public String name() {
    return name;
  }

  public ValueType<T> type() {
    return type;
  }

  /** The value when the key is absent; null for required keys and optional keys without one. */
  public T defaultValue() {
    return defaultValue;
  }

  public boolean required() {
    return required;
  }

  public String doc() {
    return doc;
  }

  public List<String> aliases() {
    return aliases;
  }

  public List<String> deprecatedAliases() {
    return deprecatedAliases;
  }

  /** Whether the value is a secret: no message, error or metric shows it. */
  public boolean secret() {
    return secret;
  }

  /** Every spelling under which this key is read, its own name first. */
  public List<String> spellings() {
    List<String> all = new ArrayList<>(1 + aliases.size() + deprecatedAliases.size());
    all.add(name);
    all.addAll(aliases);
    all.addAll(deprecatedAliases);
    return all;
  }

  /** The full description of a valid value, e.g. "an integer >= 1". */
  public String expected() {
    StringBuilder s = new StringBuilder(type.expected());
    for (Validator<T> v : validators) {
      s.append(' ').append(v.description());
    }
    return s.toString();
  }

  String defaultForDocs() {
    if (defaultDoc != null) {
      return defaultDoc;
    }
    if (required) {
      return "(required)";
    }
    return defaultValue == null ? "(none)" : String.valueOf(defaultValue);
  }

  boolean accepts(T value) {
    for (Validator<T> v : validators) {
      if (!v.accepts(value)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds a {@link ConfigKey}. */
  public static final class Builder<T> {
    private final String name;
    private final ValueType<T> type;
    private T defaultValue;
    private String defaultDoc;
    private boolean required;
    private final List<Validator<T>> validators = new ArrayList<>();
    private String doc;
    private final List<String> aliases = new ArrayList<>();
    private final List<String> deprecatedAliases = new ArrayList<>();
    private boolean secret;

    private Builder(String name, ValueType<T> type) {
      this.name = Objects.requireNonNull(name);
      this.type = Objects.requireNonNull(type);
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    /** How the default reads in the docs, where it is computed rather than a constant. */
    public Builder<T> defaultDoc(String text) {
      this.defaultDoc = text;
      return this;
    }

    public Builder<T> required() {
      this.required = true;
      return this;
    }

    public Builder<T> validator(Validator<T> validator) {
      this.validators.add(validator);
      return this;
    }

    public Builder<T> doc(String doc) {
      this.doc = doc;
      return this;
    }

    /** Another accepted spelling with the same meaning, e.g. Flume's own key name. */
    public Builder<T> alias(String alias) {
      this.aliases.add(alias);
      return this;
    }

    /**
     * The value is a secret (a password, a JAAS configuration, a keytab's path): messages show
     * {@value ConfigDef#HIDDEN} in its place, as Kafka's PASSWORD type does.
     */
    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    /** A legacy spelling that still works but logs a deprecation warning. */
    public Builder<T> deprecatedAlias(String alias) {
      this.deprecatedAliases.add(alias);
      return this;
    }

    public ConfigKey<T> build() {
      if (required && defaultValue != null) {
        throw new IllegalStateException(name + ": a required key has no default");
      }
      // a default its own validators refuse is a declaration bug: fail when the class loads
      for (Validator<T> v : validators) {
        if (defaultValue != null && !v.accepts(defaultValue)) {
          throw new IllegalStateException(
              name + ": default " + defaultValue + " is not " + v.description());
        }
      }
      return new ConfigKey<>(this);
    }
  }
}
