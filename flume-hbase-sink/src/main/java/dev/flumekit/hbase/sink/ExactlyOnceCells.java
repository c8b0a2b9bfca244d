package dev.flumekit.hbase.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.RowMutations;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The cells of a counter row under exactly-once counting, both ways: a {@link CounterRowPlan}
 * becomes one conditional write, and a row read back becomes the {@link CounterRowPlan.Applied}
 * state it is planned from. Besides the counters (8-byte longs, as increments leave them) a row
 * holds its version ({@code _eo_version}) and one applied marker per line sequence ({@code
 * _eo:<sequence>}), all in the counter family. I/O-free.
 */
final class ExactlyOnceCells {
  /** The qualifier prefix of the bookkeeping cells in a counter row. */
  static final String PREFIX = "_eo";

  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.UTF_8);
  static final byte[] VERSION = Bytes.toBytes(PREFIX + "_version");
  static final String APPLIED = PREFIX + ":";

  private final MutationFactory mutations;
  private final byte[] family;

  ExactlyOnceCells(MutationFactory mutations) {
    this.mutations = mutations;
    this.family = mutations.counterFamily();
  }

  /** Whether a counter column would fall among the bookkeeping cells (and overwrite them). */
  static boolean reserved(byte[] qualifier) {
    return qualifier.length >= PREFIX_BYTES.length
        && Arrays.equals(qualifier, 0, PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length);
  }

  /** What reads a counter row's state. */
  Get read(byte[] row) {
    return new Get(row).addFamily(family);
  }

  /**
   * A counter row's exactly-once write: the counters' new values (counted lines added), the moved
   * applied markers and the next version in one Put, applied only if the row still has the version
   * planned from. Markers that expire are deleted in the same atomic write.
   */
  CheckAndMutate conditional(CounterRowPlan plan) {
    byte[] row = plan.row();
    Put markers = new Put(row);
    for (Map.Entry<ByteBuffer, Long> total : plan.totals().entrySet()) {
      markers.addColumn(family, bytes(total.getKey()), Bytes.toBytes(total.getValue()));
    }
    markers.addColumn(family, VERSION, Bytes.toBytes(plan.expectedVersion() + 1));
    for (Map.Entry<String, Long> applied : plan.advanced().entrySet()) {
      markers.addColumn(family, marker(applied.getKey()), Bytes.toBytes(applied.getValue()));
    }
    mutations.configure(markers);
    CheckAndMutate.Builder check = CheckAndMutate.newBuilder(row);
    check =
        plan.expectedVersion() < 0
            ? check.ifNotExists(family, VERSION)
            : check.ifEquals(family, VERSION, Bytes.toBytes(plan.expectedVersion()));
    if (plan.expired().isEmpty()) {
      return check.build(markers);
    }
    // markers that expire go in the same atomic write: never one without the other
    Delete expired = new Delete(row);
    for (String sequence : plan.expired()) {
      expired.addColumns(family, marker(sequence));
    }
    expired.setDurability(markers.getDurability());
    RowMutations both = new RowMutations(row, 2);
    try {
      both.add(markers);
      both.add(expired);
      return check.build(both);
    } catch (IOException e) {
      throw new IllegalStateException("a Put and a Delete of one row always combine", e);
    }
  }

  /** The state a counter row read back holds; a row not found was never written. */
  static CounterRowPlan.Applied applied(Result result) {
    if (result == null || result.isEmpty()) {
      return CounterRowPlan.Applied.none();
    }
    long version = -1;
    Map<String, CounterRowPlan.Marker> applied = new HashMap<>();
    Map<ByteBuffer, Long> totals = new HashMap<>();
    for (Cell cell : result.rawCells()) {
      byte[] qualifier = CellUtil.cloneQualifier(cell);
      byte[] value = CellUtil.cloneValue(cell);
      if (value.length != Long.BYTES) {
        continue;
      }
      String name = new String(qualifier, StandardCharsets.UTF_8);
      if (Bytes.equals(qualifier, VERSION)) {
        version = Bytes.toLong(value);
      } else if (name.startsWith(APPLIED)) {
        // the cell's time is when the marker last moved: what its expiry counts from
        applied.put(
            name.substring(APPLIED.length()),
            new CounterRowPlan.Marker(Bytes.toLong(value), cell.getTimestamp()));
      } else {
        totals.put(ByteBuffer.wrap(qualifier), Bytes.toLong(value));
      }
    }
    return new CounterRowPlan.Applied(version, applied, totals, Long.MIN_VALUE);
  }

  private static byte[] marker(String sequence) {
    return (APPLIED + sequence).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer key) {
    ByteBuffer q = key.duplicate();
    byte[] bytes = new byte[q.remaining()];
    q.get(bytes);
    return bytes;
  }
}
