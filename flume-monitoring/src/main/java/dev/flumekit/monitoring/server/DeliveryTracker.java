package dev.flumekit.monitoring.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each sink last delivered: the time its {@code EventDrainSuccessCount} was last seen to grow
 * (Flume's sinks, ours and others, all keep that counter; none records the time). Observed on every
 * scrape and once a second besides, so the time is right to about a second.
 */
final class DeliveryTracker {
  private record Seen(double drained, long sinceMillis, long deliveredMillis) {}

  private final Map<String, Seen> sinks = new HashMap<>();

  synchronized void observe(List<ComponentReading> readings, long nowMillis) {
    for (ComponentReading r : readings) {
      if (!r.kind().equals("SINK")) {
        continue;
      }
      double drained = r.number("EventDrainSuccessCount").orElse(0);
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

  /** How long the sink has delivered nothing: since its last delivery, or since first seen. */
  synchronized OptionalLong idleMillis(String sinkKey, long nowMillis) {
    Seen s = sinks.get(sinkKey);
    if (s == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        nowMillis - (s.deliveredMillis() >= 0 ? s.deliveredMillis() : s.sinceMillis()));
  }
}
