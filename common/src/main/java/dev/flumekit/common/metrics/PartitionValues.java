package dev.flumekit.common.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A value per Kafka partition (the records a consumer has not taken yet) as one MBean text
 * attribute, {@code <topic>-<partition>=<value>} separated by spaces, in partition-name order: the
 * Kafka source's and the Kafka channel's counters write it ({@code PartitionLag}), the monitoring
 * reads it back into labelled values. Topic names hold no spaces or {@code =}.
 */
public final class PartitionValues {
  /** One partition's value. */
  public record PartitionValue(String topic, int partition, long value) {}

  private PartitionValues() {}

  /**
   * The text of {@code byPartition}.
   *
   * @param byPartition values keyed by partition name, {@code <topic>-<partition>} (as Kafka's
   *     {@code TopicPartition} prints itself)
   */
  public static String text(Map<String, Long> byPartition) {
    return new TreeMap<>(byPartition)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  /** The values of {@code text}; an entry that is no partition's value is left out. */
  public static List<PartitionValue> parse(String text) {
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
