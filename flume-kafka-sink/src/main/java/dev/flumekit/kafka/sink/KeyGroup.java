package dev.flumekit.kafka.sink;

import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import java.util.List;

/**
 * Keys and prefixes declared once and included, in this order, by several components' definitions:
 * the send path's keys ({@link KafkaSinkConfig#SEND_KEYS}) are the Kafka sink's and the Kafka
 * channel's.
 */
public record KeyGroup(List<ConfigKey<?>> keys, List<ConfigPrefix> prefixes) {
  public KeyGroup {
    keys = List.copyOf(keys);
    prefixes = List.copyOf(prefixes);
  }

  /** Adds the group's keys, then its prefixes, to {@code definition}. */
  public ConfigDef.Builder addTo(ConfigDef.Builder definition) {
    keys.forEach(definition::key);
    prefixes.forEach(definition::prefix);
    return definition;
  }
}
