package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An HBase sink counting exactly once must be the only sink of its channel: with a second one (a
 * sink group, a sink added to scale, any other sink) a later batch could be written before an
 * earlier one and the earlier one's lines be skipped, or lines be taken away uncounted. The sink
 * refuses to start beside another exactly-once sink; this names every case before anything runs.
 */
final class ExactlyOnceTakers {
  static final String HBASE_SINK = "dev.flumekit.hbase.HBaseSink";

  private ExactlyOnceTakers() {}

  static List<String> problems(String agent, Map<String, String> properties, Set<String> sinks) {
    List<String> problems = new ArrayList<>();
    for (String sink : sinks) {
      String prefix = agent + ".sinks." + sink + ".";
      if (!HBASE_SINK.equals(properties.getOrDefault(prefix + "type", "").trim())
          || !"exactly-once"
              .equals(properties.getOrDefault(prefix + "counterGuarantee", "").trim())) {
        continue;
      }
      String channel = properties.getOrDefault(prefix + "channel", "").trim();
      if (channel.isEmpty()) {
        continue; // Flume names a sink without a channel
      }
      Set<String> others = new TreeSet<>();
      for (String other : sinks) {
        if (!other.equals(sink)
            && channel.equals(
                properties.getOrDefault(agent + ".sinks." + other + ".channel", "").trim())) {
          others.add(other);
        }
      }
      if (!others.isEmpty()) {
        problems.add(
            "sink "
                + sink
                + ": counterGuarantee = exactly-once must be the only sink of channel "
                + channel
                + ", but "
                + String.join(", ", others)
                + (others.size() == 1 ? " takes" : " take")
                + " from it too: a later batch could be written before an earlier one and the"
                + " earlier one's lines be skipped, or lines be taken away uncounted. Give each its"
                + " own channel; to scale, run more loader agents in the channel's consumer group");
      }
    }
    return problems;
  }
}
