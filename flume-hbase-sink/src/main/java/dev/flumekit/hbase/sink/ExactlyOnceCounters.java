package dev.flumekit.hbase.sink;

import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.common.retry.Sleeper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Writes a batch's counters so that each line counts once, whatever is replayed: per counter row,
 * one conditional write ({@code CheckAndMutate}) holds the counters' new values (the lines the row
 * has not counted yet added) and the new applied markers (see {@link CounterRowPlan}), applied
 * atomically only if the row's version is still the one the plan was made from. A refused condition
 * (another writer, or an earlier write whose outcome was unknown and did apply) makes the row be
 * read again and replanned, so a write is never applied twice. A row's state is remembered after
 * each write, so in the steady state a batch costs one round of conditional writes and no reads.
 *
 * <p>A region server applies the conditional writes of one request one row at a time, each with its
 * own write-ahead-log sync; the rows are therefore sent as {@value #CHUNKS} requests at once (their
 * syncs then share the log's group commit), and the whole round runs while the sink's puts are
 * flushed. The rows' states are only touched by the one thread that plans and applies a batch.
 */
final class ExactlyOnceCounters implements CounterWriter {
  /** The qualifier prefix of the bookkeeping cells in a counter row. */
  static final String PREFIX = "_eo";

  static final byte[] VERSION = Bytes.toBytes(PREFIX + "_version");
  static final String APPLIED = PREFIX + ":";

  /** Counter rows whose state is remembered; others are read when next written. */
  private static final int REMEMBERED_ROWS = 20_000;

  /** Markers the remembered rows may hold together: about 150 bytes each, so about 30 MB. */
  private static final long REMEMBERED_MARKERS = 200_000;

  /** Requests a round of conditional writes is split into, sent at once. */
  static final int CHUNKS = 8;

  /** Rows below which a round is sent as one request. */
  private static final int ROWS_PER_CHUNK_MIN = 8;

  /** Rounds of refused conditions in one batch after which a wait comes between rounds. */
  private static final int CONFLICT_ROUNDS_WITHOUT_WAIT = 10;

  /** A counter row's share of a batch. */
  record RowWork(byte[] row, List<CounterRowPlan.Contribution> contributions) {}

  /** What became of a batch's counters: events found counted already, and rows given up. */
  record Outcome(int repeated, List<GivenUp> givenUp, BitSet alreadyCounted) {}

  /** A row whose write was given up: the events of it, and the last cause. */
  record GivenUp(RowWork row, Throwable cause) {}

  private final Connection connection;
  private final TableName tableName;
  private final Table table;
  private final MutationFactory mutations;
  private final ExecutorService planner;
  private final ExecutorService senders;

  /** The batch being written since withPuts: its counter rows' count, and the write's outcome. */
  private record InFlight(int rows, Future<Outcome> outcome) {}

  private InFlight inFlight;
  private final byte[] family;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final RetryingWriter.RetryListener listener;
  private final HBaseSinkCounter counter;

  private final RowStates known = new RowStates(REMEMBERED_ROWS, REMEMBERED_MARKERS);
  private final long markerRetentionMs;

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  ExactlyOnceCounters(
      Connection connection,
      TableName tableName,
      MutationFactory mutations,
      RetryPolicy retries,
      Sleeper sleeper,
      RetryingWriter.RetryListener listener,
      HBaseSinkCounter counter,
      long markerRetentionMs)
      throws IOException {
    this.markerRetentionMs = markerRetentionMs;
    this.connection = connection;
    this.tableName = tableName;
    this.table = connection.getTable(tableName);
    this.mutations = mutations;
    this.planner = Executors.newSingleThreadExecutor(daemon("counters-" + tableName));
    this.senders = Executors.newFixedThreadPool(CHUNKS, daemon("counter-writes-" + tableName));
    this.family = mutations.counterFamily();
    this.retries = retries;
    this.sleeper = sleeper;
    this.listener = listener;
    this.counter = counter;
  }

  @Override
  public void withPuts(MutationBatch batch, List<Mutation> pending, List<int[]> sources) {
    List<RowWork> rows = batch.counterRows();
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

  Outcome write(List<RowWork> rows) throws InterruptedException {
    int repeated = 0;
    BitSet repeatedEvents = new BitSet();
    BitSet countedEvents = new BitSet();
    List<GivenUp> givenUp = new ArrayList<>();
    List<RowWork> pending = rows;
    int failures = 0;
    int conflictRounds = 0;
    while (!pending.isEmpty()) {
      List<RowWork> writing = new ArrayList<>(pending.size());
      List<CounterRowPlan> plans = new ArrayList<>(pending.size());
      List<RowWork> next = new ArrayList<>();
      try {
        Map<ByteBuffer, CounterRowPlan.Applied> states = statesOf(pending);
        CounterRowPlan.Expiry expiry =
            new CounterRowPlan.Expiry(System.currentTimeMillis(), markerRetentionMs);
        for (RowWork work : pending) {
          CounterRowPlan plan =
              CounterRowPlan.of(
                  work.row(), work.contributions(), states.get(key(work.row())), expiry);
          if (plan.nothingToWrite()) {
            repeated += plan.repeated().cardinality();
            repeatedEvents.or(plan.repeated());
          } else {
            writing.add(work);
            plans.add(plan);
          }
        }
        if (plans.isEmpty()) {
          break;
        }
        List<CheckAndMutate> writes = new ArrayList<>(plans.size());
        for (CounterRowPlan plan : plans) {
          writes.add(mutations.conditional(plan));
        }
        counter.addConditionalWrites(writes.size());
        List<CheckAndMutateResult> results = send(writes);
        for (int i = 0; i < plans.size(); i++) {
          CounterRowPlan plan = plans.get(i);
          if (results.get(i).isSuccess()) {
            known.put(key(plan.row()), plan.after());
            repeated += plan.repeated().cardinality();
            repeatedEvents.or(plan.repeated());
            countedEvents.or(plan.counted());
            counter.addMarkersExpired(plan.expired().size());
          } else {
            known.remove(key(plan.row()));
            next.add(writing.get(i));
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
        for (RowWork work : pending) {
          known.remove(key(work.row()));
        }
        failures++;
        if (TableWriter.isPermanent(e) || retries.exhausted(failures)) {
          for (RowWork work : pending) {
            givenUp.add(new GivenUp(work, e));
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

  /** Sends the conditional writes as up to {@value #CHUNKS} requests at once. */
  private List<CheckAndMutateResult> send(List<CheckAndMutate> writes)
      throws IOException, InterruptedException {
    int chunks = Math.max(1, Math.min(CHUNKS, writes.size() / ROWS_PER_CHUNK_MIN));
    if (chunks == 1) {
      return table.checkAndMutate(writes);
    }
    List<Future<List<CheckAndMutateResult>>> sent = new ArrayList<>(chunks);
    int size = (writes.size() + chunks - 1) / chunks;
    for (int from = 0; from < writes.size(); from += size) {
      List<CheckAndMutate> chunk = writes.subList(from, Math.min(writes.size(), from + size));
      sent.add(
          senders.submit(
              () -> {
                try (Table own = connection.getTable(tableName)) {
                  return own.checkAndMutate(chunk);
                }
              }));
    }
    List<CheckAndMutateResult> results = new ArrayList<>(writes.size());
    IOException failed = null;
    for (Future<List<CheckAndMutateResult>> f : sent) {
      try {
        results.addAll(f.get());
      } catch (ExecutionException e) {
        // every request is waited for, so that none is still applying when the rows are re-read
        Throwable cause = e.getCause();
        failed = cause instanceof IOException io ? io : new IOException(cause);
      }
    }
    if (failed != null) {
      throw failed;
    }
    return results;
  }

  /**
   * The state of each row: remembered, or read (and remembered, while the bounds allow: a state
   * read here is used for this round whether or not it stays remembered).
   */
  private Map<ByteBuffer, CounterRowPlan.Applied> statesOf(List<RowWork> rows) throws IOException {
    Map<ByteBuffer, CounterRowPlan.Applied> states = new HashMap<>();
    List<Get> gets = new ArrayList<>();
    for (RowWork work : rows) {
      CounterRowPlan.Applied state = known.get(key(work.row()));
      if (state != null) {
        states.put(key(work.row()), state);
      } else {
        gets.add(new Get(work.row()).addFamily(family));
      }
    }
    if (gets.isEmpty()) {
      return states;
    }
    counter.addStateReads(gets.size());
    Result[] results = table.get(gets);
    for (int i = 0; i < gets.size(); i++) {
      CounterRowPlan.Applied state = applied(results[i]);
      states.put(key(gets.get(i).getRow()), state);
      known.put(key(gets.get(i).getRow()), state);
    }
    return states;
  }

  private static CounterRowPlan.Applied applied(Result result) {
    if (result == null || result.isEmpty()) {
      return CounterRowPlan.Applied.none();
    }
    long version = -1;
    Map<String, CounterRowPlan.Marker> applied = new HashMap<>();
    Map<ByteBuffer, Long> totals = new HashMap<>();
    for (Cell cell : result.rawCells()) {
      byte[] qualifier = CellUtil.cloneQualifier(cell);
      byte[] value = CellUtil.cloneValue(cell);
      if (value.length != Long.BYTES) {
        continue;
      }
      String name = new String(qualifier, StandardCharsets.UTF_8);
      if (Bytes.equals(qualifier, VERSION)) {
        version = Bytes.toLong(value);
      } else if (name.startsWith(APPLIED)) {
        // the cell's time is when the marker last moved: what its expiry counts from
        applied.put(
            name.substring(APPLIED.length()),
            new CounterRowPlan.Marker(Bytes.toLong(value), cell.getTimestamp()));
      } else {
        totals.put(ByteBuffer.wrap(qualifier), Bytes.toLong(value));
      }
    }
    return new CounterRowPlan.Applied(version, applied, totals, Long.MIN_VALUE);
  }

  private static ByteBuffer key(byte[] row) {
    return ByteBuffer.wrap(row);
  }

  @Override
  public void close() {
    planner.shutdownNow();
    senders.shutdownNow();
    try {
      table.close();
    } catch (IOException e) {
      // a Table holds no resources of its own: the connection's are closed with it
    }
  }
}
