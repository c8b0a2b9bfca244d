package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.json.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The agent's health: every configured component running, and none stalled for longer than the
 * delivery timeout. A supervisor that only sees a live JVM misses a component Flume dropped (a bad
 * configuration value) and one stalled on a downstream it cannot reach. A component is stalled when
 *
 * <ul>
 *   <li>a sink has delivered nothing while its channel holds events,
 *   <li>a channel's put or a sink's batch has waited for Kafka to acknowledge it (a Kafka outage
 *       blocks writes rather than failing them: no failure counter moves),
 *   <li>a source has put nothing into its channel while its files' unread bytes grew (its channel
 *       refuses or blocks its puts).
 * </ul>
 */
record Health(List<String> problems, int components, Set<String> stalled) {
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

  /** The attribute of a Kafka writer (channel put side, Kafka sink): its oldest write's wait. */
  static final String WRITE_WAIT = "OldestWriteWaitMs";

  /** How long after a reload changed the layout a component it added may take to start. */
  static final long RELOAD_GRACE_MILLIS = 30_000;

  boolean ok() {
    return problems.isEmpty();
  }

  /** What the agent's state says, {@code nowMillis}, with writes and deliveries timed so far. */
  record Inputs(
      AgentLayout layout,
      List<ComponentReading> readings,
      DeliveryTracker deliveries,
      SourceProgress sources,
      long layoutChangedMillis) {}

  static Health of(Inputs in, long nowMillis, long timeoutMillis) {
    AgentLayout layout = in.layout();
    Map<String, ComponentReading> byKey =
        in.readings().stream()
            .collect(Collectors.toMap(ComponentReading::key, r -> r, (a, b) -> a));
    List<String> problems = new ArrayList<>();
    Set<String> stalled = new TreeSet<>();
    boolean reloading = nowMillis - in.layoutChangedMillis() < RELOAD_GRACE_MILLIS;
    for (AgentLayout.Component c : layout.components().values()) {
      ComponentReading r = byKey.get(c.key());
      if ((r == null || !r.running()) && !reloading) {
        problems.add(
            c.kind().toLowerCase()
                + " "
                + c.name()
                + " ("
                + c.type()
                + ") is configured but not running: see the agent's log for why it did not start");
      }
    }
    for (ComponentReading r : in.readings()) {
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
    for (ComponentReading r : in.readings()) {
      if (!r.running()) {
        continue;
      }
      String stall = stall(r, in, byKey, nowMillis, timeoutMillis);
      if (stall != null) {
        stalled.add(r.key());
        problems.add(stall);
      }
    }
    return new Health(List.copyOf(problems), layout.components().size(), Set.copyOf(stalled));
  }

  /** Why the component is stalled, or null if it is not. */
  private static String stall(
      ComponentReading r,
      Inputs in,
      Map<String, ComponentReading> byKey,
      long nowMillis,
      long timeoutMillis) {
    double waited = r.number(WRITE_WAIT).orElse(0);
    if (waited > timeoutMillis) {
      return String.format(
          "%s %s has waited %d s for Kafka to acknowledge a %s (the oldest waiting; timeout %d s):"
              + " Kafka is down, unreachable or refusing writes (see the agent's log); %s",
          r.kind().toLowerCase(),
          r.name(),
          (long) waited / 1000,
          ComponentKind.CHANNEL.isMonitored(r.kind()) ? "put" : "batch",
          timeoutMillis / 1000,
          ComponentKind.CHANNEL.isMonitored(r.kind())
              ? "its sources are blocked meanwhile and their files are read once it is back"
              : "its channel keeps the events meanwhile");
    }
    if (ComponentKind.SINK.isMonitored(r.kind())) {
      String channel =
          in.layout().component(r.key()).map(AgentLayout.Component::channel).orElse("");
      ComponentReading held = byKey.get("CHANNEL." + channel);
      double size = held == null ? 0 : held.number("ChannelSize").orElse(0);
      OptionalLong idle = in.deliveries().idleMillis(r.key(), "CHANNEL." + channel, nowMillis);
      if (size > 0 && idle.isPresent() && idle.getAsLong() > timeoutMillis) {
        return String.format(
            "sink %s has delivered nothing for %d s while channel %s holds %.0f events",
            r.name(), idle.getAsLong() / 1000, channel, size);
      }
    }
    if (ComponentKind.SOURCE.isMonitored(r.kind())) {
      OptionalLong paused = in.sources().pausedMillis(r, nowMillis);
      if (paused.isPresent() && paused.getAsLong() > timeoutMillis) {
        String cause =
            r.number("ReadingPaused").orElse(0) > 0
                ? "reading is paused: its positions file cannot be written (a full disk?)"
                : "its channel refuses or blocks its puts (see the channel's problem and the"
                    + " agent's log)";
        return String.format(
            "source %s has put nothing into its channel for %d s while its files hold %d unread"
                + " bytes: %s",
            r.name(),
            paused.getAsLong() / 1000,
            SourceProgress.unreadBytes((String) r.attributes().get(SourceProgress.UNREAD)),
            cause);
      }
    }
    return null;
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
