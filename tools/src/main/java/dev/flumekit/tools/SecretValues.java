package dev.flumekit.tools;

import dev.flumekit.common.config.ConfigDef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The secret values of an agent's file (those of keys named like a secret, {@link
 * ConfigDef#namesSecret}: a passthrough {@code kafka.producer.ssl.key.password}, an {@code hbase.*}
 * credential), hidden in what a command prints. Components and Flume word their messages each in
 * their own way (an exception's text, a warning logged as the component is configured): hiding the
 * values where the output is written keeps every one of them out, whoever wrote the message.
 */
final class SecretValues {
  /** For output written before the file could be read. */
  static final SecretValues NONE = new SecretValues(List.of());

  private final List<String> values;

  private SecretValues(List<String> values) {
    this.values = values;
  }

  static SecretValues of(Map<String, String> properties) {
    return new SecretValues(
        properties.entrySet().stream()
            .filter(e -> ConfigDef.namesSecret(e.getKey()))
            .map(e -> e.getValue().trim())
            .filter(v -> !v.isEmpty())
            .distinct()
            // a longer secret that contains a shorter one is hidden whole
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  /** {@code line} with each secret value in it replaced by {@value ConfigDef#HIDDEN}. */
  String hide(String line) {
    String hidden = line;
    for (String value : values) {
      hidden = hidden.replace(value, ConfigDef.HIDDEN);
    }
    return hidden;
  }
}
