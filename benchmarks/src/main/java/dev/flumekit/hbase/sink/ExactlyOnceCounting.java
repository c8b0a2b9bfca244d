package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * Exactly-once counting as a library, for the raw pipeline contender's loader ({@code
 * dev.flumekit.bench.RawLoader}): the HBase sink's I/O-free parts (the plan of a row's write,
 * {@link CounterRowPlan}; its cells, {@link ExactlyOnceCells}; the row states remembered between
 * batches, {@link RowStates}) with the least I/O around them: unknown rows read with one multi-get,
 * a batch's conditional writes sent as one request, a refused row read again and planned again. No
 * retries, no dead letters, no metrics: an I/O error ends the program. In this package: those
 * classes are package-private.
 */
public final class ExactlyOnceCounting {
  /** One click: its counter row, its line's sequence (file and partition) and position. */
  public record Click(byte[] row, String sequence, long position) {}

  private final Table table;
  private final ExactlyOnceCells cells;
  private final byte[] qualifier;
  private final long markerRetentionMillis;
  private final RowStates known = new RowStates(20_000, 200_000);

  /**
   * @param table the table of the counter rows
   * @param counterFamily the counters' column family
   * @param qualifier the counter's column
   * @param markerRetentionMillis how long a marker not advanced is kept, as the sink's
   *     markerRetentionDays
   */
  public ExactlyOnceCounting(
      Table table, byte[] counterFamily, byte[] qualifier, long markerRetentionMillis) {
    this.table = table;
    this.cells =
        new ExactlyOnceCells(
            new MutationFactory(counterFamily, counterFamily, Durability.USE_DEFAULT, 0));
    this.qualifier = qualifier.clone();
    this.markerRetentionMillis = markerRetentionMillis;
  }

  /**
   * Adds each click to its counter unless its row counted its line already.
   *
   * @return the clicks found counted already
   */
  public int count(List<Click> clicks) throws IOException {
    Map<ByteBuffer, List<CounterRowPlan.Contribution>> rows = new LinkedHashMap<>();
    for (int i = 0; i < clicks.size(); i++) {
      Click c = clicks.get(i);
      rows.computeIfAbsent(ByteBuffer.wrap(c.row()), r -> new ArrayList<>())
          .add(
              new CounterRowPlan.Contribution(
                  i, new LineIdentity.Line(c.sequence(), c.position()), qualifier, 1));
    }
    int repeated = 0;
    List<ByteBuffer> pending = new ArrayList<>(rows.keySet());
    while (!pending.isEmpty()) {
      readUnknown(pending);
      CounterRowPlan.Expiry expiry =
          new CounterRowPlan.Expiry(System.currentTimeMillis(), markerRetentionMillis);
      List<CounterRowPlan> plans = new ArrayList<>();
      for (ByteBuffer row : pending) {
        CounterRowPlan plan = CounterRowPlan.of(row.array(), rows.get(row), known.get(row), expiry);
        if (plan.nothingToWrite()) {
          repeated += plan.repeated().cardinality();
        } else {
          plans.add(plan);
        }
      }
      List<CheckAndMutate> writes = new ArrayList<>(plans.size());
      for (CounterRowPlan plan : plans) {
        writes.add(cells.conditional(plan));
      }
      List<CheckAndMutateResult> results =
          writes.isEmpty() ? List.of() : table.checkAndMutate(writes);
      List<ByteBuffer> refused = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        CounterRowPlan plan = plans.get(i);
        ByteBuffer row = ByteBuffer.wrap(plan.row());
        if (results.get(i).isSuccess()) {
          repeated += plan.repeated().cardinality();
          known.put(row, plan.after());
        } else {
          known.remove(row); // another writer moved it: read it again
          refused.add(row);
        }
      }
      pending = refused;
    }
    return repeated;
  }

  /** Reads the states of the rows not remembered. */
  private void readUnknown(List<ByteBuffer> rows) throws IOException {
    List<ByteBuffer> unknown = rows.stream().filter(r -> !known.contains(r)).toList();
    if (unknown.isEmpty()) {
      return;
    }
    List<Get> gets = new ArrayList<>(unknown.size());
    for (ByteBuffer row : unknown) {
      gets.add(cells.read(row.array()));
    }
    Result[] results = table.get(gets);
    for (int i = 0; i < results.length; i++) {
      known.put(unknown.get(i), ExactlyOnceCells.applied(results[i]));
    }
  }
}
