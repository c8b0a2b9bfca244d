package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Put;

/** Turns a batch's rows into HBase mutations with the sink's families, durability and TTL. */
final class MutationFactory {
  private final byte[] family;
  private final byte[] counterFamily;
  private final Durability durability;
  private final long ttlMs;

  MutationFactory(byte[] family, byte[] counterFamily, Durability durability, long ttlMs) {
    this.family = family;
    this.counterFamily = counterFamily;
    this.durability = durability;
    this.ttlMs = ttlMs;
  }

  /** The column family of the counters. */
  byte[] counterFamily() {
    return counterFamily;
  }

  Put put(MutationBatch.RowPut row) {
    Put put = new Put(row.row());
    for (MutationBatch.Cell cell : row.cells()) {
      if (cell.timestampMs() >= 0) {
        put.addColumn(family, cell.qualifier(), cell.timestampMs(), cell.value());
      } else {
        put.addColumn(family, cell.qualifier(), cell.value());
      }
    }
    return configure(put);
  }

  Increment increment(MutationBatch.RowIncrement row) {
    Increment increment = new Increment(row.row());
    for (Map.Entry<ByteBuffer, Long> amount : row.amounts().entrySet()) {
      ByteBuffer q = amount.getKey().duplicate();
      byte[] qualifier = new byte[q.remaining()];
      q.get(qualifier);
      increment.addColumn(counterFamily, qualifier, amount.getValue());
    }
    return configure(increment);
  }

  /** Gives a mutation the sink's durability and TTL. */
  <M extends Mutation> M configure(M mutation) {
    mutation.setDurability(durability);
    if (ttlMs > 0) {
      mutation.setTTL(ttlMs);
    }
    return mutation;
  }
}
