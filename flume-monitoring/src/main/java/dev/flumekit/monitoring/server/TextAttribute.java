package dev.flumekit.monitoring.server;

import dev.flumekit.common.metrics.PartitionValues;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MBean attributes that carry one value per partition or per file as text: each becomes a gauge
 * {@code flume_<kind>_<suffix>} with a label per partition or file.
 */
enum TextAttribute {
  PARTITION_LAG(
      "PartitionLag",
      "partition_lag",
      "Records not yet taken, per partition: end offset minus the group's position, measured now") {
    @Override
    List<Value> values(String text) {
      List<Value> values = new ArrayList<>();
      for (PartitionValues.PartitionValue p : PartitionValues.parse(text)) {
        values.add(
            new Value(
                Labels.of("topic", p.topic(), "partition", String.valueOf(p.partition())),
                p.value()));
      }
      return values;
    }
  },

  GROUP_LAG(
      "GroupLag",
      "group_lag",
      "Records a consumer group has not yet read, per partition: end offset minus the group's"
          + " committed offset, measured by the agents writing or taking the topic (also while the"
          + " group's consumers are stopped)") {
    /** A line {@code <topic>-<partition>=<lag> <group>} per group and partition. */
    @Override
    List<Value> values(String text) {
      List<Value> values = new ArrayList<>();
      for (String line : text.split("\n")) {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1) {
          continue;
        }
        for (PartitionValues.PartitionValue p : PartitionValues.parse(line.substring(0, space))) {
          values.add(
              new Value(
                  Labels.of(
                      "group",
                      line.substring(space + 1),
                      "topic",
                      p.topic(),
                      "partition",
                      String.valueOf(p.partition())),
                  p.value()));
        }
      }
      return values;
    }
  },

  FILE_UNREAD_BYTES(
      "FileUnreadBytes",
      "file_unread_bytes",
      "Bytes of a tailed file not yet in the channel: its size now (measured every 3 s) minus the"
          + " position its lines are committed to") {
    /** A line {@code <bytes> <path>} per file; the path may hold spaces. */
    @Override
    List<Value> values(String text) {
      List<Value> values = new ArrayList<>();
      for (String line : text.split("\n")) {
        int space = line.indexOf(' ');
        if (space > 0 && space < line.length() - 1) {
          try {
            values.add(
                new Value(
                    Labels.of("file", line.substring(space + 1)),
                    Long.parseLong(line.substring(0, space))));
          } catch (NumberFormatException e) {
            // not a file's value: left out
          }
        }
      }
      return values;
    }
  };

  /** One value and the labels that tell it from the attribute's others. */
  record Value(Labels labels, double value) {}

  private final String attribute;
  private final String suffix;
  private final String help;

  TextAttribute(String attribute, String suffix, String help) {
    this.attribute = attribute;
    this.suffix = suffix;
    this.help = help;
  }

  String suffix() {
    return suffix;
  }

  String help() {
    return help;
  }

  abstract List<Value> values(String text);

  static Optional<TextAttribute> of(String attribute) {
    for (TextAttribute t : values()) {
      if (t.attribute.equals(attribute)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
