package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.RowMutations;
import org.apache.hadoop.hbase.util.Bytes;

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

  /**
   * A counter row's exactly-once write: the counters' new values (counted lines added), the moved
   * applied markers and the next version in one Put, applied only if the row still has the version
   * planned from. Counter cells hold 8-byte longs, as increments leave them.
   */
  CheckAndMutate conditional(CounterRowPlan plan) {
    byte[] family = counterFamily;
    byte[] row = plan.row();
    Put markers = new Put(row);
    for (Map.Entry<ByteBuffer, Long> total : plan.totals().entrySet()) {
      ByteBuffer q = total.getKey().duplicate();
      byte[] qualifier = new byte[q.remaining()];
      q.get(qualifier);
      markers.addColumn(family, qualifier, Bytes.toBytes(total.getValue()));
    }
    markers.addColumn(
        family, ExactlyOnceCounters.VERSION, Bytes.toBytes(plan.expectedVersion() + 1));
    for (Map.Entry<String, Long> applied : plan.advanced().entrySet()) {
      markers.addColumn(
          family,
          (ExactlyOnceCounters.APPLIED + applied.getKey()).getBytes(StandardCharsets.UTF_8),
          Bytes.toBytes(applied.getValue()));
    }
    configure(markers);
    CheckAndMutate.Builder check = CheckAndMutate.newBuilder(row);
    check =
        plan.expectedVersion() < 0
            ? check.ifNotExists(family, ExactlyOnceCounters.VERSION)
            : check.ifEquals(
                family, ExactlyOnceCounters.VERSION, Bytes.toBytes(plan.expectedVersion()));
    if (plan.expired().isEmpty()) {
      return check.build(markers);
    }
    // markers that expire go in the same atomic write: never one without the other
    Delete expired = new Delete(row);
    for (String sequence : plan.expired()) {
      expired.addColumns(
          family, (ExactlyOnceCounters.APPLIED + sequence).getBytes(StandardCharsets.UTF_8));
    }
    expired.setDurability(durability);
    RowMutations both = new RowMutations(row, 2);
    try {
      both.add(markers);
      both.add(expired);
      return check.build(both);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a Put and a Delete of one row always combine", e);
    }
  }

  private <M extends Mutation> M configure(M mutation) {
    mutation.setDurability(durability);
    if (ttlMs > 0) {
      mutation.setTTL(ttlMs);
    }
    return mutation;
  }
}
