package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.RowMutations;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class ExactlyOnceCellsTest {
  private static final byte[] ROW = bytes("20261122_130");
  private static final byte[] C = bytes("c");

  private final ExactlyOnceCells cells =
      new ExactlyOnceCells(new MutationFactory(bytes("d"), C, Durability.SYNC_WAL, 0));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static CounterRowPlan plan(CounterRowPlan.Applied before, long now, long retention) {
    List<CounterRowPlan.Contribution> c =
        List.of(
            new CounterRowPlan.Contribution(
                0, new LineIdentity.Line("f@clicks-0", 7), bytes("clicks"), 1),
            new CounterRowPlan.Contribution(
                1, new LineIdentity.Line("f@clicks-0", 8), bytes("clicks"), 1));
    return CounterRowPlan.of(ROW, c, before, new CounterRowPlan.Expiry(now, retention));
  }

  /** The row as HBase holds it once the write's Put applied. */
  private static Result stored(Put put) {
    List<Cell> stored = new ArrayList<>();
    put.getFamilyCellMap().values().forEach(stored::addAll);
    return Result.create(stored);
  }

  @Test
  void aFirstWriteIsConditionalOnNoVersionAndReadsBackAsItsPlannedState() {
    CounterRowPlan plan = plan(CounterRowPlan.Applied.none(), 1_000, 0);
    CheckAndMutate write = cells.conditional(plan);
    assertArrayEquals(bytes("_eo_version"), write.getQualifier());
    assertEquals(null, write.getValue(), "if not exists");
    Put put = assertInstanceOf(Put.class, write.getAction());
    assertEquals(Durability.SYNC_WAL, put.getDurability());

    CounterRowPlan.Applied read = ExactlyOnceCells.applied(stored(put));
    assertEquals(0, read.version());
    assertEquals(Map.of(ByteBuffer.wrap(bytes("clicks")), 2L), read.totals());
    assertEquals(8L, read.markers().get("f@clicks-0").position());
  }

  @Test
  void aLaterWriteExpectsItsVersionAndDeletesExpiredMarkersInTheSameAtomicWrite() {
    Map<String, CounterRowPlan.Marker> markers = new HashMap<>();
    markers.put("old@clicks-1", new CounterRowPlan.Marker(99, 0));
    Map<ByteBuffer, Long> totals = new HashMap<>();
    totals.put(ByteBuffer.wrap(bytes("clicks")), 40L);
    CounterRowPlan plan =
        plan(new CounterRowPlan.Applied(4, markers, totals, Long.MIN_VALUE), 10_000, 1_000);
    CheckAndMutate write = cells.conditional(plan);
    assertEquals(4L, Bytes.toLong(write.getValue()));
    RowMutations both = assertInstanceOf(RowMutations.class, write.getAction());
    assertEquals(2, both.getMutations().size());
    Put put = (Put) both.getMutations().get(0);
    CounterRowPlan.Applied read = ExactlyOnceCells.applied(stored(put));
    assertEquals(5, read.version());
    assertEquals(42L, read.totals().get(ByteBuffer.wrap(bytes("clicks"))));
    assertTrue(
        both.getMutations().get(1).has(C, bytes("_eo:old@clicks-1")), "the expired marker goes");
  }

  @Test
  void aRowNeverWrittenReadsAsNoneAndOnlyTheMarkersNamespaceIsReserved() {
    assertEquals(-1, ExactlyOnceCells.applied(Result.EMPTY_RESULT).version());
    assertTrue(ExactlyOnceCells.reserved(bytes("_eo_version")));
    assertTrue(ExactlyOnceCells.reserved(bytes("_eo:x")));
    assertFalse(ExactlyOnceCells.reserved(bytes("_e")));
    assertFalse(ExactlyOnceCells.reserved(bytes("clicks")));
  }
}
