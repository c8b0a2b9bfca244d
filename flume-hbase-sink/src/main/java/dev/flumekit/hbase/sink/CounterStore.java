package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;

/**
 * The counter rows as exactly-once counting sees the table: their states read, and planned writes
 * each applied only if its row still has the version it was planned from. {@link
 * ExactlyOnceCounters} decides what to do on a refused or failed write; this only carries the rows
 * to and from HBase.
 */
interface CounterStore extends AutoCloseable {
  /**
   * The rows' states, in the order asked; a row never written is {@link
   * CounterRowPlan.Applied#none}.
   */
  List<CounterRowPlan.Applied> read(List<byte[]> rows) throws IOException;

  /**
   * Applies each plan whose row still has the version it expects.
   *
   * @return the indices of the plans applied; the others were refused
   * @throws IOException when the outcome of some writes is unknown (they may have applied)
   */
  BitSet write(List<CounterRowPlan> plans) throws IOException, InterruptedException;

  @Override
  void close();
}
