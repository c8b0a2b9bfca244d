package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException;
import org.apache.hadoop.hbase.client.Row;

/**
 * Sends mutations through one BufferedMutator (sent when its buffer fills, and flushed at the end
 * of every batch) and reports, per mutation, what failed and whether a retry can help. Used by one
 * thread at a time.
 */
final class TableWriter implements RetryingWriter.MutationWriter, AutoCloseable {
  /** A mutation that failed: its index in the list written, the cause, and if it is for good. */
  record Failure(int index, Throwable cause, boolean permanent) {}

  private final Connection connection;
  private final BufferedMutatorParams params;
  private final List<RetriesExhaustedWithDetailsException> errors = new ArrayList<>();
  private BufferedMutator mutator;

  TableWriter(Connection connection, TableName table, long writeBufferBytes) throws IOException {
    this.connection = connection;
    this.params =
        new BufferedMutatorParams(table)
            .writeBufferSize(writeBufferBytes)
            .listener((e, m) -> errors.add(e));
    this.mutator = connection.getBufferedMutator(params);
  }

  /** Writes and flushes {@code mutations}; returns those that failed (empty: all are durable). */
  @Override
  public List<Failure> write(List<? extends Mutation> mutations) throws IOException {
    try {
      return send(mutations);
    } catch (RetriesExhaustedWithDetailsException e) {
      throw e;
    } catch (IOException e) {
      // The client stopped waiting (operation timeout) while mutations were still in flight: their
      // outcome is unknown. Leave that mutator to finish on its own and re-send all of them on a
      // new one; puts are idempotent, increments are at-least-once.
      mutator = connection.getBufferedMutator(params);
      errors.clear();
      List<Failure> all = new ArrayList<>(mutations.size());
      for (int i = 0; i < mutations.size(); i++) {
        all.add(new Failure(i, e, false));
      }
      return all;
    }
  }

  private List<Failure> send(List<? extends Mutation> mutations) throws IOException {
    errors.clear();
    List<Failure> failures = new ArrayList<>();
    Map<Row, Integer> indexes = new IdentityHashMap<>();
    for (int i = 0; i < mutations.size(); i++) {
      indexes.put(mutations.get(i), i);
    }
    try {
      mutator.mutate(mutations);
    } catch (IllegalArgumentException e) {
      // the client refused one before sending anything (empty or oversized row or cell): find it
      indexes.clear();
      for (int i = 0; i < mutations.size(); i++) {
        Mutation m = mutations.get(i);
        try {
          mutator.mutate(m);
          indexes.put(m, i);
        } catch (IllegalArgumentException refused) {
          failures.add(new Failure(i, refused, true));
        } catch (RetriesExhaustedWithDetailsException sent) {
          indexes.put(m, i);
          errors.add(sent);
        }
      }
    } catch (RetriesExhaustedWithDetailsException e) {
      // mutate() flushed a full buffer and the listener was bypassed
      errors.add(e);
    }
    try {
      mutator.flush();
    } catch (RetriesExhaustedWithDetailsException e) {
      errors.add(e);
    }
    for (RetriesExhaustedWithDetailsException e : errors) {
      for (int i = 0; i < e.getNumExceptions(); i++) {
        Integer index = indexes.get(e.getRow(i));
        if (index != null) {
          Throwable cause = e.getCause(i);
          failures.add(new Failure(index, cause, isPermanent(cause)));
        }
      }
    }
    errors.clear();
    return failures;
  }

  /** True for failures no retry fixes: bad column family, oversized cell, sanity checks. */
  static boolean isPermanent(Throwable cause) {
    return cause instanceof DoNotRetryIOException || cause instanceof IllegalArgumentException;
  }

  @Override
  public void close() throws IOException {
    mutator.close();
  }
}
