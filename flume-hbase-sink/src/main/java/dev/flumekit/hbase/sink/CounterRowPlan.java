package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one counter row gets from one batch under exactly-once counting: the amounts of the lines
 * this row has not counted yet, and the new applied positions. A row remembers, per line sequence,
 * the last position it counted (its applied marker); a line at or before it was counted already, so
 * a batch replayed (by a restarted loader, or re-sent by a restarted collector) adds nothing. Lines
 * of one sequence arrive in position order, so everything up to the marker has been seen. I/O-free.
 */
final class CounterRowPlan {
  /**
   * What a counter row holds.
   *
   * @param version bumped by every exactly-once write; -1 for a row never written that way
   * @param applied the last position counted, per line sequence
   * @param totals the counters' values, per column
   */
  record Applied(long version, Map<String, Long> applied, Map<ByteBuffer, Long> totals) {
    static final Applied NONE = new Applied(-1, Map.of(), Map.of());
  }

  /** One event's amount for one counter column of this row. */
  record Contribution(int event, LineIdentity.Line line, byte[] qualifier, long amount) {}

  private final byte[] row;
  private final Applied before;
  private final Map<ByteBuffer, Long> amounts = new LinkedHashMap<>();
  private final Map<String, Long> advanced = new HashMap<>();
  private final BitSet counted = new BitSet();
  private final BitSet repeated = new BitSet();

  private CounterRowPlan(byte[] row, Applied before) {
    this.row = row;
    this.before = before;
  }

  /**
   * Plans a row's write.
   *
   * @param contributions in the order the events were taken; an event's several columns together
   */
  static CounterRowPlan of(byte[] row, List<Contribution> contributions, Applied before) {
    CounterRowPlan plan = new CounterRowPlan(row, before);
    int decidedEvent = -1;
    boolean decidedCounts = false;
    for (Contribution c : contributions) {
      if (c.event() != decidedEvent) {
        decidedEvent = c.event();
        String sequence = c.line().sequence();
        long last =
            plan.advanced.getOrDefault(sequence, before.applied().getOrDefault(sequence, -1L));
        decidedCounts = c.line().position() > last;
        if (decidedCounts) {
          plan.advanced.put(sequence, c.line().position());
          plan.counted.set(c.event());
        } else {
          plan.repeated.set(c.event());
        }
      }
      if (decidedCounts) {
        plan.amounts.merge(ByteBuffer.wrap(c.qualifier()), c.amount(), Long::sum);
      }
    }
    return plan;
  }

  byte[] row() {
    return row;
  }

  /** The version the row must still have for this write to apply. */
  long expectedVersion() {
    return before.version();
  }

  /** Whether nothing is left to count: every line was counted before. */
  boolean nothingToWrite() {
    return counted.isEmpty();
  }

  /**
   * The counters' new values: the row's values plus the amounts of the lines not counted before.
   * Written as values, not increments, under the version condition: the region server then reads
   * the row once (for the condition) instead of twice.
   */
  Map<ByteBuffer, Long> totals() {
    Map<ByteBuffer, Long> totals = new LinkedHashMap<>();
    for (Map.Entry<ByteBuffer, Long> a : amounts.entrySet()) {
      totals.put(a.getKey(), before.totals().getOrDefault(a.getKey(), 0L) + a.getValue());
    }
    return totals;
  }

  /** The summed amounts per counter column, of the lines not counted before. */
  Map<ByteBuffer, Long> amounts() {
    return amounts;
  }

  /** The sequences whose applied position this write moves forward, to where. */
  Map<String, Long> advanced() {
    return advanced;
  }

  /** Events counted by this write. */
  BitSet counted() {
    return counted;
  }

  /** Events whose line this row had counted already. */
  BitSet repeated() {
    return repeated;
  }

  /** The row's state once this write applied. */
  Applied after() {
    Map<String, Long> applied = new HashMap<>(before.applied());
    applied.putAll(advanced);
    Map<ByteBuffer, Long> totals = new HashMap<>(before.totals());
    totals.putAll(totals());
    return new Applied(before.version() + 1, applied, totals);
  }
}
