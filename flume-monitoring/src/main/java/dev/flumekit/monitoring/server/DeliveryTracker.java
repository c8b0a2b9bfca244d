package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.ComponentKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each sink last delivered: the time its {@code EventDrainSuccessCount} was last seen to grow
 * (Flume's sinks, ours and others, all keep that counter; none records the time), or its {@code
 * EventDrainRepeatCount}: a sink replaying what it delivered before (HBase exactly-once counters
 * after an offset rewind) makes progress too, and is not stalled. Observed on every scrape and once
 * a second besides, so the time is right to about a second.
 */
final class DeliveryTracker {
  private record Seen(double drained, long sinceMillis, long deliveredMillis) {}

  private final Map<String, Seen> sinks = new HashMap<>();

  /** Since when each channel has held events without a break; absent while it is empty. */
  private final Map<String, Long> heldSince = new HashMap<>();

  synchronized void observe(List<ComponentReading> readings, long nowMillis) {
    for (ComponentReading r : readings) {
      if (ComponentKind.CHANNEL.isMonitored(r.kind()) && r.number("ChannelSize").isPresent()) {
        if (r.number("ChannelSize").getAsDouble() > 0) {
          heldSince.putIfAbsent(r.key(), nowMillis);
        } else {
          heldSince.remove(r.key());
        }
      }
      if (!ComponentKind.SINK.isMonitored(r.kind())) {
        continue;
      }
      double drained =
          r.number("EventDrainSuccessCount").orElse(0) + r.number(FlumeBeans.REPEATED).orElse(0);
      Seen before = sinks.get(r.key());
      if (before == null || drained < before.drained()) {
        // first seen, or started again (counters from zero)
        sinks.put(r.key(), new Seen(drained, nowMillis, drained > 0 ? nowMillis : -1));
      } else if (drained > before.drained()) {
        sinks.put(r.key(), new Seen(drained, before.sinceMillis(), nowMillis));
      }
    }
  }

  /** When the sink was last seen delivering, if it ever was. */
  synchronized OptionalLong lastDelivery(String sinkKey) {
    Seen s = sinks.get(sinkKey);
    return s == null || s.deliveredMillis() < 0
        ? OptionalLong.empty()
        : OptionalLong.of(s.deliveredMillis());
  }

  /**
   * How long the sink has delivered nothing while its channel held events: since its last delivery
   * (or since first seen), or since the channel last began holding events, whichever is later. A
   * sink idle because its channel was empty is not late when a burst arrives.
   */
  synchronized OptionalLong idleMillis(String sinkKey, String channelKey, long nowMillis) {
    Seen s = sinks.get(sinkKey);
    if (s == null) {
      return OptionalLong.empty();
    }
    long from = s.deliveredMillis() >= 0 ? s.deliveredMillis() : s.sinceMillis();
    Long held = heldSince.get(channelKey);
    return OptionalLong.of(nowMillis - (held == null ? from : Math.max(from, held)));
  }
}
