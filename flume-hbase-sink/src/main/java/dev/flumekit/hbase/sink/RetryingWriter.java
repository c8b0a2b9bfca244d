package dev.flumekit.hbase.sink;

import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.common.retry.Sleeper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.client.Mutation;

/**
 * Sends a batch's mutations until each one is written or given up: a mutation refused for good is
 * given up at once, one that failed for a retriable reason is re-sent on its own (never the whole
 * batch) after a growing wait, until it succeeds or the retry policy is spent. The I/O is behind
 * {@link MutationWriter}, so the policy is tested without a cluster.
 */
final class RetryingWriter {
  /** Writes and flushes mutations; returns those that failed. */
  interface MutationWriter {
    List<TableWriter.Failure> write(List<? extends Mutation> mutations) throws IOException;
  }

  /** What happens on each round of re-sends: how many, why the first failed, the wait. */
  interface RetryListener {
    void retrying(int mutations, Throwable firstCause, long waitMs);
  }

  /** A mutation given up: its index in the list written, and the last cause. */
  record GivenUp(int mutation, Throwable cause) {}

  private final MutationWriter writer;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final RetryListener listener;

  RetryingWriter(
      MutationWriter writer, RetryPolicy retries, Sleeper sleeper, RetryListener listener) {
    this.writer = writer;
    this.retries = retries;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  List<GivenUp> write(List<? extends Mutation> mutations) throws IOException, InterruptedException {
    List<GivenUp> givenUp = new ArrayList<>();
    List<Mutation> pending = new ArrayList<>(mutations);
    List<Integer> positions = new ArrayList<>(mutations.size());
    for (int i = 0; i < mutations.size(); i++) {
      positions.add(i);
    }
    for (int retry = 0; !pending.isEmpty(); retry++) {
      List<TableWriter.Failure> failures = writer.write(pending);
      boolean exhausted = retries.exhausted(retry + 1);
      List<Mutation> again = new ArrayList<>();
      List<Integer> againPositions = new ArrayList<>();
      for (TableWriter.Failure f : failures) {
        int position = positions.get(f.index());
        if (f.permanent() || exhausted) {
          givenUp.add(new GivenUp(position, f.cause()));
        } else {
          again.add(pending.get(f.index()));
          againPositions.add(position);
        }
      }
      if (!again.isEmpty()) {
        long wait = retries.backoff().delayMs(retry + 1);
        listener.retrying(again.size(), failures.get(0).cause(), wait);
        sleeper.sleep(wait);
      }
      pending = again;
      positions = againPositions;
    }
    return givenUp;
  }
}
