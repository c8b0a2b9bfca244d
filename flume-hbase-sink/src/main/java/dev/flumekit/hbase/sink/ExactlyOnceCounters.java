package dev.flumekit.hbase.sink;

import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.common.retry.Sleeper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a batch's counters so that each line counts once, whatever is replayed: per counter row,
 * one conditional write holds the counters' new values (the lines the row has not counted yet
 * added) and the new applied markers (see {@link CounterRowPlan}), applied atomically only if the
 * row's version is still the one the plan was made from. A refused condition (another writer, or an
 * earlier write whose outcome was unknown and did apply) makes the row be read again and replanned,
 * so a write is never applied twice. A row's state is remembered after each write, so in the steady
 * state a batch costs one round of conditional writes and no reads.
 *
 * <p>The round runs on a thread of its own while the sink's puts are flushed. The rows' states are
 * only touched by that one thread. The table is behind {@link CounterStore}.
 */
final class ExactlyOnceCounters implements CounterWriter {
  /** Counter rows whose state is remembered; others are read when next written. */
  private static final int REMEMBERED_ROWS = 20_000;

  /** Markers the remembered rows may hold together: about 150 bytes each, so about 30 MB. */
  private static final long REMEMBERED_MARKERS = 200_000;

  /** Rounds of refused conditions in one batch after which a wait comes between rounds. */
  private static final int CONFLICT_ROUNDS_WITHOUT_WAIT = 10;

  /** What became of a batch's counters: events found counted already, and rows given up. */
  record Outcome(int repeated, List<GivenUp> givenUp, BitSet alreadyCounted) {}

  /** A row whose write was given up: the events of it, and the last cause. */
  record GivenUp(MutationBatch.CounterRow row, Throwable cause) {}

  /** A row planned in a round. */
  private record Planned(MutationBatch.CounterRow row, CounterRowPlan plan) {}

  /** The batch being written since withPuts: its counter rows' count, and the write's outcome. */
  private record InFlight(int rows, Future<Outcome> outcome) {}

  private final CounterStore store;
  private final ExecutorService planner;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final RetryingWriter.RetryListener listener;
  private final HBaseSinkCounter counter;
  private final RowStates known = new RowStates(REMEMBERED_ROWS, REMEMBERED_MARKERS);
  private final long markerRetentionMs;
  private InFlight inFlight;

  ExactlyOnceCounters(
      CounterStore store,
      String name,
      RetryPolicy retries,
      Sleeper sleeper,
      RetryingWriter.RetryListener listener,
      HBaseSinkCounter counter,
      long markerRetentionMs) {
    this.store = store;
    this.planner =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "counters-" + name);
              thread.setDaemon(true);
              return thread;
            });
    this.retries = retries;
    this.sleeper = sleeper;
    this.listener = listener;
    this.counter = counter;
    this.markerRetentionMs = markerRetentionMs;
  }

  @Override
  public void withPuts(MutationBatch batch, List<OutgoingMutation> pending) {
    List<MutationBatch.CounterRow> rows = batch.counterRows();
    inFlight = new InFlight(rows.size(), planner.submit(() -> write(rows)));
  }

  @Override
  public Written afterPuts(MutationBatch batch) throws InterruptedException {
    int rows = inFlight.rows();
    Outcome outcome;
    try {
      outcome = inFlight.outcome().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("counter writes failed unexpectedly", e.getCause());
    } finally {
      inFlight = null;
    }
    counter.addRepeatsSkipped(outcome.repeated());
    counter.addIncrements(rows - outcome.givenUp().size(), 0);
    Map<Integer, Throwable> givenUp = new HashMap<>();
    for (GivenUp g : outcome.givenUp()) {
      for (CounterRowPlan.Contribution c : g.row().contributions()) {
        givenUp.putIfAbsent(c.event(), g.cause());
      }
    }
    return new Written(givenUp, outcome.alreadyCounted());
  }

  /** Writes the rows until each is written, found counted already, or given up. */
  Outcome write(List<MutationBatch.CounterRow> rows) throws InterruptedException {
    int repeated = 0;
    BitSet repeatedEvents = new BitSet();
    BitSet countedEvents = new BitSet();
    List<GivenUp> givenUp = new ArrayList<>();
    List<MutationBatch.CounterRow> pending = rows;
    int failures = 0;
    int conflictRounds = 0;
    while (!pending.isEmpty()) {
      List<MutationBatch.CounterRow> next = new ArrayList<>();
      try {
        Map<ByteBuffer, CounterRowPlan.Applied> states = statesOf(pending);
        CounterRowPlan.Expiry expiry =
            new CounterRowPlan.Expiry(System.currentTimeMillis(), markerRetentionMs);
        List<Planned> writing = new ArrayList<>(pending.size());
        for (MutationBatch.CounterRow row : pending) {
          CounterRowPlan plan =
              CounterRowPlan.of(row.row(), row.contributions(), states.get(key(row.row())), expiry);
          if (plan.nothingToWrite()) {
            repeated += plan.repeated().cardinality();
            repeatedEvents.or(plan.repeated());
          } else {
            writing.add(new Planned(row, plan));
          }
        }
        if (writing.isEmpty()) {
          break;
        }
        counter.addConditionalWrites(writing.size());
        BitSet applied = store.write(writing.stream().map(Planned::plan).toList());
        for (int i = 0; i < writing.size(); i++) {
          CounterRowPlan plan = writing.get(i).plan();
          if (applied.get(i)) {
            known.put(key(plan.row()), plan.after());
            repeated += plan.repeated().cardinality();
            repeatedEvents.or(plan.repeated());
            countedEvents.or(plan.counted());
            counter.addMarkersExpired(plan.expired().size());
          } else {
            known.remove(key(plan.row()));
            next.add(writing.get(i).row());
          }
        }
        if (!next.isEmpty()) {
          counter.addConflicts(next.size());
          if (++conflictRounds > CONFLICT_ROUNDS_WITHOUT_WAIT) {
            sleeper.sleep(retries.backoff().delayMs(conflictRounds - CONFLICT_ROUNDS_WITHOUT_WAIT));
          }
        }
      } catch (IOException | RuntimeException e) {
        // the outcome of the writes is unknown: forget what is known of these rows, read them
        // again, and let the version tell whether a write applied
        for (MutationBatch.CounterRow row : pending) {
          known.remove(key(row.row()));
        }
        failures++;
        if (TableWriter.isPermanent(e) || retries.exhausted(failures)) {
          for (MutationBatch.CounterRow row : pending) {
            givenUp.add(new GivenUp(row, e));
          }
          break;
        }
        long wait = retries.backoff().delayMs(failures);
        listener.retrying(pending.size(), e, wait);
        sleeper.sleep(wait);
        next = pending;
      }
      pending = next;
    }
    // an event counted by one row and found counted by another was partly new: not a repeat
    repeatedEvents.andNot(countedEvents);
    return new Outcome(repeated, givenUp, repeatedEvents);
  }

  /**
   * The state of each row: remembered, or read (and remembered, while the bounds allow: a state
   * read here is used for this round whether or not it stays remembered).
   */
  private Map<ByteBuffer, CounterRowPlan.Applied> statesOf(List<MutationBatch.CounterRow> rows)
      throws IOException {
    Map<ByteBuffer, CounterRowPlan.Applied> states = new HashMap<>();
    List<byte[]> unknown = new ArrayList<>();
    for (MutationBatch.CounterRow row : rows) {
      CounterRowPlan.Applied state = known.get(key(row.row()));
      if (state != null) {
        states.put(key(row.row()), state);
      } else {
        unknown.add(row.row());
      }
    }
    if (unknown.isEmpty()) {
      return states;
    }
    counter.addStateReads(unknown.size());
    List<CounterRowPlan.Applied> read = store.read(unknown);
    for (int i = 0; i < unknown.size(); i++) {
      states.put(key(unknown.get(i)), read.get(i));
      known.put(key(unknown.get(i)), read.get(i));
    }
    return states;
  }

  private static ByteBuffer key(byte[] row) {
    return ByteBuffer.wrap(row);
  }

  @Override
  public void close() {
    planner.shutdownNow();
    store.close();
  }
}
