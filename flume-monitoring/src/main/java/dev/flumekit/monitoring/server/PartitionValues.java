package dev.flumekit.monitoring.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A value per Kafka partition as flumekit's MBeans give it in one text attribute, {@code
 * <topic>-<partition>=<value>} separated by spaces (topic names hold no spaces or {@code =}).
 */
final class PartitionValues {
  record PartitionValue(String topic, int partition, long value) {}

  private PartitionValues() {}

  static List<PartitionValue> parse(String text) {
    List<PartitionValue> values = new ArrayList<>();
    for (String entry : text.trim().split("\\s+")) {
      int eq = entry.lastIndexOf('=');
      int dash = eq < 0 ? -1 : entry.lastIndexOf('-', eq);
      if (dash <= 0) {
        continue;
      }
      try {
        values.add(
            new PartitionValue(
                entry.substring(0, dash),
                Integer.parseInt(entry.substring(dash + 1, eq)),
                Long.parseLong(entry.substring(eq + 1))));
      } catch (NumberFormatException e) {
        // not a partition's value: left out
      }
    }
    return values;
  }
}
