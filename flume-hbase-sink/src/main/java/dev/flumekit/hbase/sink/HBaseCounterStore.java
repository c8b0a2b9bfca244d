package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * The counter rows in an HBase table. A region server applies the conditional writes of one request
 * one row at a time, each with its own write-ahead-log sync; the rows are therefore sent as up to
 * {@value #CHUNKS} requests at once, so that their syncs share the log's group commit.
 */
final class HBaseCounterStore implements CounterStore {
  /** Requests a round of conditional writes is split into, sent at once. */
  static final int CHUNKS = 8;

  /** Rows below which a round is sent as one request. */
  private static final int ROWS_PER_CHUNK_MIN = 8;

  private final Connection connection;
  private final TableName tableName;
  private final Table table;
  private final ExactlyOnceCells cells;
  private final ExecutorService senders;

  HBaseCounterStore(Connection connection, TableName tableName, ExactlyOnceCells cells)
      throws IOException {
    this.connection = connection;
    this.tableName = tableName;
    this.table = connection.getTable(tableName);
    this.cells = cells;
    this.senders =
        Executors.newFixedThreadPool(
            CHUNKS,
            runnable -> {
              Thread thread = new Thread(runnable, "counter-writes-" + tableName);
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public List<CounterRowPlan.Applied> read(List<byte[]> rows) throws IOException {
    List<Get> gets = new ArrayList<>(rows.size());
    for (byte[] row : rows) {
      gets.add(cells.read(row));
    }
    Result[] results = table.get(gets);
    List<CounterRowPlan.Applied> states = new ArrayList<>(results.length);
    for (Result result : results) {
      states.add(ExactlyOnceCells.applied(result));
    }
    return states;
  }

  @Override
  public BitSet write(List<CounterRowPlan> plans) throws IOException, InterruptedException {
    List<CheckAndMutate> writes = new ArrayList<>(plans.size());
    for (CounterRowPlan plan : plans) {
      writes.add(cells.conditional(plan));
    }
    List<CheckAndMutateResult> results = send(writes);
    BitSet applied = new BitSet(plans.size());
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).isSuccess()) {
        applied.set(i);
      }
    }
    return applied;
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

  @Override
  public void close() {
    senders.shutdownNow();
    try {
      table.close();
    } catch (IOException e) {
      // a Table holds no resources of its own: the connection's are closed with it
    }
  }
}
