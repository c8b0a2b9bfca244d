package dev.flumekit.hbase.sink;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.Mutation;

/**
 * How a batch's counters reach HBase, picked once at start from {@code counterGuarantee}: {@link
 * IncrementCounters} sends summed increments with the batch's puts; {@link ExactlyOnceCounters}
 * writes each counter row conditionally once the puts are stored.
 */
sealed interface CounterWriter extends AutoCloseable
    permits IncrementCounters, ExactlyOnceCounters {
  /**
   * Adds what is sent together with the batch's puts.
   *
   * @param sources per mutation added, the events it came from
   */
  void withPuts(MutationBatch batch, List<Mutation> pending, List<int[]> sources);

  /**
   * Writes what follows the puts, until it is stored or given up.
   *
   * @return the events given up, with the cause
   */
  Map<Integer, Throwable> afterPuts(MutationBatch batch) throws InterruptedException;

  @Override
  void close();
}
