package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter rows in memory, with HBase's condition: a plan applies only if its row still has the
 * version it expects. Can let another writer in before a round, or fail a round after applying it
 * (an outcome the writer cannot know).
 */
final class FakeCounterStore implements CounterStore {
  private final Map<String, CounterRowPlan.Applied> rows = new HashMap<>();

  /** Runs before each round of writes is applied: another writer's turn. */
  Runnable beforeWrite = () -> {};

  /** Rounds still to fail after applying them. */
  int roundsToFailAfterApplying;

  /** Thrown instead of applying a round, while set. */
  IOException failing;

  int reads;
  int rounds;

  @Override
  public List<CounterRowPlan.Applied> read(List<byte[]> keys) {
    reads += keys.size();
    List<CounterRowPlan.Applied> states = new ArrayList<>();
    for (byte[] key : keys) {
      CounterRowPlan.Applied state = rows.get(text(key));
      // the writer changes the states it plans from in place: hand it a copy, as HBase would
      states.add(state == null ? CounterRowPlan.Applied.none() : copy(state));
    }
    return states;
  }

  @Override
  public BitSet write(List<CounterRowPlan> plans) throws IOException {
    rounds++;
    if (failing != null) {
      throw failing;
    }
    beforeWrite.run();
    BitSet applied = new BitSet();
    for (int i = 0; i < plans.size(); i++) {
      CounterRowPlan plan = plans.get(i);
      CounterRowPlan.Applied state = rows.get(text(plan.row()));
      long version = state == null ? -1 : state.version();
      if (version == plan.expectedVersion()) {
        rows.put(text(plan.row()), applied(state, plan));
        applied.set(i);
      }
    }
    if (roundsToFailAfterApplying > 0) {
      roundsToFailAfterApplying--;
      throw new IOException("connection reset after the request was sent");
    }
    return applied;
  }

  /** The row once {@code plan} applied, as the conditional write's cells leave it. */
  private static CounterRowPlan.Applied applied(CounterRowPlan.Applied state, CounterRowPlan plan) {
    CounterRowPlan.Applied after = copy(state == null ? CounterRowPlan.Applied.none() : state);
    after.totals().putAll(plan.totals());
    plan.expired().forEach(after.markers()::remove);
    plan.advanced()
        .forEach(
            (sequence, position) ->
                after.markers().put(sequence, new CounterRowPlan.Marker(position, 0)));
    return new CounterRowPlan.Applied(
        plan.expectedVersion() + 1, after.markers(), after.totals(), Long.MIN_VALUE);
  }

  /** Another writer counts {@code amount} clicks into {@code row}, moving its version. */
  void countElsewhere(String row, String sequence, long position, long amount) {
    CounterRowPlan.Applied state = rows.getOrDefault(row, CounterRowPlan.Applied.none());
    Map<ByteBuffer, Long> totals = new HashMap<>(state.totals());
    totals.merge(ExactlyOnceCountersTest.CLICKS, amount, Long::sum);
    Map<String, CounterRowPlan.Marker> markers = new HashMap<>(state.markers());
    markers.put(sequence, new CounterRowPlan.Marker(position, 0));
    rows.put(row, new CounterRowPlan.Applied(state.version() + 1, markers, totals, Long.MIN_VALUE));
  }

  long clicks(String row) {
    CounterRowPlan.Applied state = rows.get(row);
    return state == null ? 0 : state.totals().getOrDefault(ExactlyOnceCountersTest.CLICKS, 0L);
  }

  long version(String row) {
    CounterRowPlan.Applied state = rows.get(row);
    return state == null ? -1 : state.version();
  }

  private static CounterRowPlan.Applied copy(CounterRowPlan.Applied state) {
    return new CounterRowPlan.Applied(
        state.version(),
        new HashMap<>(state.markers()),
        new HashMap<>(state.totals()),
        Long.MIN_VALUE);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {}
}
