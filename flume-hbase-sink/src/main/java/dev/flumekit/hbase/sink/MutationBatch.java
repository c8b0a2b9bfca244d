package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.CellCollector;
import dev.flumekit.hbase.HBaseEventSerializer;
import dev.flumekit.hbase.HBaseEventSerializer.InvalidEventException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;

/**
 * The cells of one channel batch, before they become HBase mutations: one put per event row, and
 * one increment per counter row with every column's amounts summed over the batch (so that a
 * thousand clicks on one course in one day cost one increment, not a thousand). Remembers which
 * events each mutation came from, so that a refused mutation dead-letters exactly those events.
 * I/O-free.
 */
final class MutationBatch {
  /** A row's cells to put. */
  record RowPut(byte[] row, List<Cell> cells, int event) {}

  /** A cell to put. */
  record Cell(byte[] qualifier, byte[] value, long timestampMs) {}

  /** A row's counters to add, and the events that contributed. */
  record RowIncrement(byte[] row, Map<ByteBuffer, Long> amounts, BitSet events) {}

  /** An event no serializer could map. */
  record Unmappable(int event, String reason) {}

  private final List<RowPut> puts = new ArrayList<>();
  private final Map<ByteBuffer, RowIncrement> increments = new LinkedHashMap<>();
  private final List<Unmappable> unmappable = new ArrayList<>();
  private int incrementCells;

  /** Per counter row, each event's amounts with its line: for exactly-once counting. */
  private final Map<ByteBuffer, List<CounterRowPlan.Contribution>> contributions =
      new LinkedHashMap<>();

  /** Maps every event with every serializer; an event one of them refuses is unmappable. */
  static MutationBatch of(List<Event> events, List<HBaseEventSerializer> serializers) {
    return of(events, serializers, null);
  }

  /**
   * Maps every event with every serializer; an event one of them refuses is unmappable.
   *
   * @param lines for exactly-once counting, what tells each event's line (an event without one is
   *     unmappable); null to sum increments only
   */
  static MutationBatch of(
      List<Event> events, List<HBaseEventSerializer> serializers, LineIdentity lines) {
    MutationBatch batch = new MutationBatch();
    for (int i = 0; i < events.size(); i++) {
      EventCells cells = new EventCells();
      LineIdentity.Line line = null;
      if (lines != null) {
        line = lines.of(events.get(i).getHeaders());
        if (line == null) {
          batch.unmappable.add(new Unmappable(i, lines.missingReason(events.get(i).getHeaders())));
          continue;
        }
      }
      try {
        for (HBaseEventSerializer serializer : serializers) {
          serializer.serialize(events.get(i), cells);
        }
      } catch (InvalidEventException | RuntimeException e) {
        String reason =
            e instanceof InvalidEventException ? e.getMessage() : "serializer failed: " + e;
        batch.unmappable.add(new Unmappable(i, reason));
        continue;
      }
      String reserved = line != null ? reservedQualifier(cells) : null;
      if (reserved != null) {
        batch.unmappable.add(
            new Unmappable(
                i,
                "counter column '"
                    + reserved
                    + "' starts with "
                    + ExactlyOnceCounters.PREFIX
                    + ", which exactly-once counting keeps its markers under: it would overwrite"
                    + " them"));
        continue;
      }
      batch.add(i, cells, line);
    }
    return batch;
  }

  /** A counter qualifier of {@code cells} in the markers' namespace, or null. */
  private static String reservedQualifier(EventCells cells) {
    byte[] prefix = ExactlyOnceCounters.PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (EventCells.Increment inc : cells.increments) {
      byte[] q = inc.qualifier();
      if (q.length >= prefix.length
          && java.util.Arrays.equals(q, 0, prefix.length, prefix, 0, prefix.length)) {
        return new String(q, java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void add(int event, EventCells cells, LineIdentity.Line line) {
    for (Map.Entry<ByteBuffer, List<Cell>> row : cells.puts.entrySet()) {
      puts.add(new RowPut(array(row.getKey()), row.getValue(), event));
    }
    for (EventCells.Increment inc : cells.increments) {
      RowIncrement target =
          increments.computeIfAbsent(
              ByteBuffer.wrap(inc.row()),
              k -> new RowIncrement(inc.row(), new LinkedHashMap<>(), new BitSet()));
      target.amounts().merge(ByteBuffer.wrap(inc.qualifier()), inc.amount(), Long::sum);
      target.events().set(event);
      incrementCells++;
      if (line != null) {
        contributions
            .computeIfAbsent(ByteBuffer.wrap(inc.row()), k -> new ArrayList<>())
            .add(new CounterRowPlan.Contribution(event, line, inc.qualifier(), inc.amount()));
      }
    }
  }

  /** The bytes a key wraps: its own array when it wraps a whole one (always, here). */
  private static byte[] array(ByteBuffer buffer) {
    if (buffer.hasArray()
        && buffer.arrayOffset() == 0
        && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  List<RowPut> puts() {
    return puts;
  }

  List<RowIncrement> increments() {
    return new ArrayList<>(increments.values());
  }

  /** Per counter row, its events' amounts with their lines (exactly-once counting only). */
  List<ExactlyOnceCounters.RowWork> counterRows() {
    List<ExactlyOnceCounters.RowWork> rows = new ArrayList<>(contributions.size());
    for (Map.Entry<ByteBuffer, List<CounterRowPlan.Contribution>> e : contributions.entrySet()) {
      rows.add(new ExactlyOnceCounters.RowWork(array(e.getKey()), e.getValue()));
    }
    return rows;
  }

  List<Unmappable> unmappable() {
    return unmappable;
  }

  /** Increment cells the serializers asked for, before summing per cell. */
  int incrementCellsRequested() {
    return incrementCells;
  }

  /** One event's cells, grouped by row. */
  private static final class EventCells implements CellCollector {
    record Increment(byte[] row, byte[] qualifier, long amount) {}

    final Map<ByteBuffer, List<Cell>> puts = new LinkedHashMap<>();
    final List<Increment> increments = new ArrayList<>(1);

    @Override
    public void put(byte[] row, byte[] qualifier, byte[] value, long timestampMs) {
      puts.computeIfAbsent(ByteBuffer.wrap(row), k -> new ArrayList<>())
          .add(new Cell(qualifier, value, timestampMs));
    }

    @Override
    public void increment(byte[] row, byte[] qualifier, long amount) {
      increments.add(new Increment(row, qualifier, amount));
    }
  }
}
