package dev.flumekit.tools.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A component's line of the live view, from two readings of its agent: events in and out per second
 * between them, and, as of the later one, its fill, lag, dead letters and failures. I/O-free.
 *
 * @param in events per second into it (a source's received, a channel's puts, a sink's drain
 *     attempts, an interceptor's seen), null when it counts none
 * @param out events per second out of it (accepted, taken, delivered, passed), null likewise
 * @param size events a channel holds, null for others
 * @param capacity a channel's capacity, null when not exported
 * @param lag records behind the end of the topics, summed over partitions (Kafka channel and
 *     source), null for others
 * @param deadLetters dead letters so far, null when it keeps none
 * @param errors failed puts, takes, writes and reads, rollbacks, errors so far
 */
record ComponentRow(
    String kind,
    String name,
    String type,
    boolean up,
    Double in,
    Double out,
    Double size,
    Double capacity,
    Double lag,
    Double deadLetters,
    double errors) {

  /** Counters of events into a component, by kind, the first one present. */
  private static final String[] IN = {
    "event_received_total",
    "event_put_success_total",
    "event_drain_attempt_total",
    "events_seen_total"
  };

  /** Counters of events out of a component, the first one present. */
  private static final String[] OUT = {
    "event_accepted_total",
    "event_take_success_total",
    "event_drain_success_total",
    "events_passed_total"
  };

  /** The rows of the components of {@code now}, with rates since {@code before} (may be null). */
  static List<ComponentRow> between(AgentScrape before, AgentScrape now) {
    List<ComponentRow> rows = new ArrayList<>();
    double seconds = before == null ? 0 : (now.nanos() - before.nanos()) / 1e9;
    for (AgentScrape.Component c : now.components().values()) {
      AgentScrape.Component earlier = before == null ? null : before.components().get(key(c));
      rows.add(
          new ComponentRow(
              c.kind(),
              c.name(),
              c.type(),
              c.up(),
              rate(earlier, c, seconds, IN),
              rate(earlier, c, seconds, OUT),
              c.values().get("size"),
              c.values().get("capacity"),
              c.values().get("partition_lag"),
              c.values().get("dead_letter_total"),
              c.errors()));
    }
    rows.sort(Comparator.comparingInt(ComponentRow::kindOrder));
    return rows;
  }

  /** Sources first, then interceptors, channels and sinks: the way events flow. */
  private int kindOrder() {
    int order = List.of("source", "interceptor", "channel", "sink").indexOf(kind);
    return order < 0 ? 4 : order;
  }

  private static String key(AgentScrape.Component c) {
    return c.kind() + "." + c.name();
  }

  /**
   * Per second between the two readings of the first counter present; a counter that went down (the
   * agent restarted) counts from 0. Null without an earlier reading or such a counter.
   */
  static Double rate(
      AgentScrape.Component earlier, AgentScrape.Component now, double seconds, String... names) {
    Double to = now.first(names);
    if (earlier == null || to == null || seconds <= 0) {
      return null;
    }
    Double from = earlier.first(names);
    double delta = from == null || to < from ? to : to - from;
    return delta / seconds;
  }
}
