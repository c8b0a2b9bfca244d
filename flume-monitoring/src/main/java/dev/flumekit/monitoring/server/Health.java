package dev.flumekit.monitoring.server;

import dev.flumekit.common.json.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The agent's health: every configured component running, and no sink that has delivered nothing
 * for longer than the timeout while its channel holds events. A supervisor that only sees a live
 * JVM misses a component Flume dropped at start (a bad configuration value) and a sink stalled on a
 * downstream it cannot reach.
 */
record Health(List<String> problems, int components, Set<String> stalledSinks) {
  /**
   * A component's gauge that is 1 while another running agent holds its Kafka id, and what then.
   */
  private static final List<Map.Entry<String, String>> SHARED_ID_GAUGES =
      List.of(
          Map.entry(
              "TransactionalIdShared",
              "pauses sending: another running writer shares its transactional.id"),
          Map.entry(
              "GroupInstanceIdFenced",
              "stopped taking: another consumer took its group.instance.id"));

  boolean ok() {
    return problems.isEmpty();
  }

  static Health of(
      AgentLayout layout,
      List<ComponentReading> readings,
      DeliveryTracker deliveries,
      long nowMillis,
      long deliveryTimeoutMillis) {
    Map<String, ComponentReading> byKey =
        readings.stream().collect(Collectors.toMap(ComponentReading::key, r -> r, (a, b) -> a));
    List<String> problems = new ArrayList<>();
    Set<String> stalled = new TreeSet<>();
    for (AgentLayout.Component c : layout.components().values()) {
      ComponentReading r = byKey.get(c.key());
      if (r == null || !r.running()) {
        problems.add(
            c.kind().toLowerCase()
                + " "
                + c.name()
                + " ("
                + c.type()
                + ") is configured but not running: see the agent's log for why it did not start");
      }
    }
    for (ComponentReading r : readings) {
      for (Map.Entry<String, String> gauge : SHARED_ID_GAUGES) {
        if (r.number(gauge.getKey()).orElse(0) > 0) {
          problems.add(
              r.kind().toLowerCase()
                  + " "
                  + r.name()
                  + " "
                  + gauge.getValue()
                  + " (see the agent's log)");
        }
      }
    }
    for (ComponentReading sink : readings) {
      if (!sink.kind().equals("SINK") || !sink.running()) {
        continue;
      }
      String channel = layout.component(sink.key()).map(AgentLayout.Component::channel).orElse("");
      ComponentReading held = byKey.get("CHANNEL." + channel);
      double size = held == null ? 0 : held.number("ChannelSize").orElse(0);
      OptionalLong idle = deliveries.idleMillis(sink.key(), nowMillis);
      if (size > 0 && idle.isPresent() && idle.getAsLong() > deliveryTimeoutMillis) {
        stalled.add(sink.key());
        problems.add(
            String.format(
                "sink %s has delivered nothing for %d s while channel %s holds %.0f events",
                sink.name(), idle.getAsLong() / 1000, channel, size));
      }
    }
    return new Health(List.copyOf(problems), layout.components().size(), Set.copyOf(stalled));
  }

  /** {@code {"status":"ok","components":5,"problems":[]}}. */
  String json() {
    StringBuilder out = new StringBuilder("{\"status\":\"");
    out.append(ok() ? "ok" : "failing").append("\",\"components\":").append(components);
    out.append(",\"problems\":[");
    for (int i = 0; i < problems.size(); i++) {
      out.append(i == 0 ? "" : ",");
      JsonText.quote(out, problems.get(i));
    }
    return out.append("]}").toString();
  }
}
