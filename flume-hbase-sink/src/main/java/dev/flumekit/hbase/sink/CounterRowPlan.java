package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one counter row gets from one batch under exactly-once counting: the amounts of the lines
 * this row has not counted yet, the new applied positions, and the markers that expire. A row
 * remembers, per line sequence, the last position it counted (its applied marker); a line at or
 * before it was counted already, so a batch replayed (by a restarted loader, or re-sent by a
 * restarted collector) adds nothing. Lines of one sequence arrive in position order, so everything
 * up to the marker has been seen. I/O-free.
 *
 * <p>Planning costs what the batch holds, not what the row remembers: the row's markers are looked
 * up, not copied, and its state is changed in place once the write applied. Markers not advanced
 * for the retention are dropped with the next write to their row; the row is searched for them at
 * most once per hundredth of the retention.
 */
final class CounterRowPlan {
  /** A sequence's applied position, and when it was last written (ms since the epoch). */
  record Marker(long position, long writtenMillis) {}

  /**
   * What a counter row holds. The maps are the planner's own, changed in place by {@link #after}.
   *
   * @param version bumped by every exactly-once write; -1 for a row never written that way
   * @param markers the last position counted, per line sequence
   * @param totals the counters' values, per column
   * @param nextExpiryMillis when its markers are next searched for expired ones
   */
  record Applied(
      long version,
      Map<String, Marker> markers,
      Map<ByteBuffer, Long> totals,
      long nextExpiryMillis) {
    /** A row never written with exactly-once counting. */
    static Applied none() {
      return new Applied(-1, new HashMap<>(), new HashMap<>(), Long.MIN_VALUE);
    }
  }

  /** One event's amount for one counter column of this row. */
  record Contribution(int event, LineIdentity.Line line, byte[] qualifier, long amount) {}

  /**
   * When markers expire.
   *
   * @param nowMillis the time of the plan
   * @param retentionMillis how long a marker not advanced is kept; 0: for ever
   */
  record Expiry(long nowMillis, long retentionMillis) {
    static final Expiry NEVER = new Expiry(0, 0);

    boolean expired(Marker m) {
      return retentionMillis > 0 && m.writtenMillis() < nowMillis - retentionMillis;
    }

    /** The next time a row is searched for expired markers. */
    long next() {
      return retentionMillis > 0 ? nowMillis + Math.max(1, retentionMillis / 100) : Long.MAX_VALUE;
    }
  }

  private final byte[] row;
  private final Applied before;
  private final Expiry expiry;
  private final Map<ByteBuffer, Long> amounts = new LinkedHashMap<>();
  private final Map<String, Long> advanced = new HashMap<>();
  private final List<String> expired = new ArrayList<>();
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  private final BitSet counted = new BitSet();
  private final BitSet repeated = new BitSet();

  private CounterRowPlan(byte[] row, Applied before, Expiry expiry) {
    this.row = row;
    this.before = before;
    this.expiry = expiry;
  }

  static CounterRowPlan of(byte[] row, List<Contribution> contributions, Applied before) {
    return of(row, contributions, before, Expiry.NEVER);
  }

  /**
   * Plans a row's write.
   *
   * @param contributions in the order the events were taken; an event's several columns together
   */
  static CounterRowPlan of(
      byte[] row, List<Contribution> contributions, Applied before, Expiry expiry) {
    CounterRowPlan plan = new CounterRowPlan(row, before, expiry);
    int decidedEvent = -1;
    boolean decidedCounts = false;
    // A batch's lines come in runs of one sequence and one column (a poll hands over each
    // partition's records together): within a run the sequence's last position is kept here and
    // the column's amount summed here, instead of looked up per line. A run's sum is merged before
    // the next column's, so the columns keep the order they first appeared in.
    String runSequence = null;
    long runLast = -1L;
    byte[] runQualifier = null;
    long runAmount = 0;
    for (Contribution c : contributions) {
      if (c.event() != decidedEvent) {
        decidedEvent = c.event();
        String sequence = c.line().sequence();
        if (!sequence.equals(runSequence)) {
          Long planned = plan.advanced.get(sequence);
          if (planned != null) {
            runLast = planned;
          } else {
            Marker m = before.markers().get(sequence);
            runLast = m == null ? -1L : m.position();
          }
          runSequence = sequence;
          plan.seen.add(sequence);
        }
        decidedCounts = c.line().position() > runLast;
        if (decidedCounts) {
          runLast = c.line().position();
          plan.advanced.put(sequence, runLast);
          plan.counted.set(c.event());
        } else {
          plan.repeated.set(c.event());
        }
      }
      if (decidedCounts) {
        if (runQualifier != null && !Arrays.equals(runQualifier, c.qualifier())) {
          plan.amounts.merge(ByteBuffer.wrap(runQualifier), runAmount, Long::sum);
          runQualifier = null;
        }
        if (runQualifier == null) {
          runQualifier = c.qualifier();
          runAmount = c.amount();
        } else {
          runAmount += c.amount();
        }
      }
    }
    if (runQualifier != null) {
      plan.amounts.merge(ByteBuffer.wrap(runQualifier), runAmount, Long::sum);
    }
    if (!plan.counted.isEmpty() && expiry.nowMillis() >= before.nextExpiryMillis()) {
      for (Map.Entry<String, Marker> m : before.markers().entrySet()) {
        // a sequence of this batch, even one only repeated, is alive: its marker stays
        if (expiry.expired(m.getValue()) && !plan.seen.contains(m.getKey())) {
          plan.expired.add(m.getKey());
        }
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

  /** The sequences whose markers this write deletes: not advanced for the retention. */
  List<String> expired() {
    return expired;
  }

  /** Events counted by this write. */
  BitSet counted() {
    return counted;
  }

  /** Events whose line this row had counted already. */
  BitSet repeated() {
    return repeated;
  }

  /**
   * The row's state once this write applied: the state it was planned from, changed in place (its
   * cost is this batch's, not the row's history). Call once, and only after the write applied.
   */
  Applied after() {
    Map<String, Marker> markers = before.markers();
    Map<ByteBuffer, Long> totals = before.totals();
    totals.putAll(totals());
    for (String gone : expired) {
      markers.remove(gone);
    }
    for (Map.Entry<String, Long> a : advanced.entrySet()) {
      markers.put(a.getKey(), new Marker(a.getValue(), expiry.nowMillis()));
    }
    long nextExpiry =
        expiry.nowMillis() >= before.nextExpiryMillis() ? expiry.next() : before.nextExpiryMillis();
    return new Applied(before.version() + 1, markers, totals, nextExpiry);
  }
}
