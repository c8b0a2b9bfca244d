package dev.flumekit.hbase.sink;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.FlumeException;

/**
 * The channels of the agent that an exactly-once sink takes from, each with that sink: it must be
 * the only one. Two sinks on one channel (a sink group, a second sink added to scale) share its
 * consumer, so a later batch of a partition can be written first, and the earlier batch's lines
 * then fall below the marker it set and are skipped as repeats. Several loader agents in one
 * consumer group scale instead: each owns its partitions.
 *
 * <p>Every HBase sink of an agent is loaded by the plugin's one class loader, so they all see this
 * one map.
 */
final class ExclusiveTakers {
  private static final Map<Channel, String> TAKERS = new IdentityHashMap<>();

  private ExclusiveTakers() {}

  /**
   * @throws FlumeException when another sink of this agent takes from {@code channel} with the
   *     exactly-once guarantee
   */
  static void claim(Channel channel, String sink) {
    synchronized (TAKERS) {
      String other = TAKERS.putIfAbsent(channel, sink);
      if (other != null && !other.equals(sink)) {
        throw new FlumeException(
            "Sink "
                + sink
                + ": counterGuarantee = exactly-once must be the only sink taking from channel "
                + channel.getName()
                + ", but sink "
                + other
                + " takes from it too (a sink group, or a second sink added to scale): a later"
                + " batch could be written before an earlier one and the earlier one's lines be"
                + " skipped. Run one such sink per channel; to scale, run more loader agents in"
                + " the channel's consumer group.");
      }
    }
  }

  static void release(Channel channel, String sink) {
    synchronized (TAKERS) {
      TAKERS.remove(channel, sink);
    }
  }
}
