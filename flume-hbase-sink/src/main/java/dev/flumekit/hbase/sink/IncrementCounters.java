package dev.flumekit.hbase.sink;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * At-least-once counters: one increment per counter row per batch, the batch's amounts summed per
 * column, sent with the puts. A replayed event counts again.
 */
final class IncrementCounters implements CounterWriter {
  private final MutationFactory mutations;
  private final HBaseSinkCounter counter;

  IncrementCounters(MutationFactory mutations, HBaseSinkCounter counter) {
    this.mutations = mutations;
    this.counter = counter;
  }

  @Override
  public void withPuts(MutationBatch batch, List<OutgoingMutation> pending) {
    List<MutationBatch.RowIncrement> increments = batch.increments();
    int incrementCellsSent = 0;
    for (MutationBatch.RowIncrement inc : increments) {
      pending.add(new OutgoingMutation(mutations.increment(inc), inc.events().stream().toArray()));
      incrementCellsSent += inc.amounts().size();
    }
    counter.addIncrements(increments.size(), batch.incrementCellsRequested() - incrementCellsSent);
  }

  @Override
  public Written afterPuts(MutationBatch batch) {
    // increments do not know whether a line was counted before
    return new Written(Map.of(), new BitSet());
  }

  @Override
  public void close() {
    // nothing of its own: the increments go through the sink's write buffer
  }
}
