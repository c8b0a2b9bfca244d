package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * How a batch's counters reach HBase, picked once at start from {@code counterGuarantee}: {@link
 * IncrementCounters} sends summed increments with the batch's puts; {@link ExactlyOnceCounters}
 * writes each counter row conditionally once the puts are stored.
 */
sealed interface CounterWriter extends AutoCloseable
    permits IncrementCounters, ExactlyOnceCounters {
  /** Opens a writing thread's own writer. */
  @FunctionalInterface
  interface Factory {
    CounterWriter open() throws IOException;
  }

  /** Adds to {@code pending} what is sent together with the batch's puts. */
  void withPuts(MutationBatch batch, List<OutgoingMutation> pending);

  /**
   * What became of a batch's counters after its puts.
   *
   * @param givenUp the events given up, with the cause
   * @param alreadyCounted the events every counter row of which had counted their line already (a
   *     batch taken again): they added nothing
   */
  record Written(Map<Integer, Throwable> givenUp, BitSet alreadyCounted) {}

  /** Writes what follows the puts, until it is stored or given up. */
  Written afterPuts(MutationBatch batch) throws InterruptedException;

  @Override
  void close();
}
