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
 * per counter row every event's amounts with the line it counts under. Increments sum a row's
 * amounts per column over the batch (so that a thousand clicks on one course in one day cost one
 * increment, not a thousand); exactly-once counting plans each row from its events' lines.
 * Remembers which events each mutation came from, so that a refused mutation dead-letters exactly
 * those events. I/O-free.
 */
final class MutationBatch {
  /** A row's cells to put. */
  record RowPut(byte[] row, List<Cell> cells, int event) {}

  /** A cell to put. */
  record Cell(byte[] qualifier, byte[] value, long timestampMs) {}

  /** A counter row's amounts summed per column, and the events that contributed. */
  record RowIncrement(byte[] row, Map<ByteBuffer, Long> amounts, BitSet events) {}

  /** A counter row and each event's amounts for it, in the order the events were taken. */
  record CounterRow(byte[] row, List<CounterRowPlan.Contribution> contributions) {
    /** The amounts summed per column, and the events they came from. */
    RowIncrement summed() {
      Map<ByteBuffer, Long> amounts = new LinkedHashMap<>();
      BitSet events = new BitSet();
      for (CounterRowPlan.Contribution c : contributions) {
        amounts.merge(ByteBuffer.wrap(c.qualifier()), c.amount(), Long::sum);
        events.set(c.event());
      }
      return new RowIncrement(row, amounts, events);
    }
  }

  /** An event no serializer could map. */
  record Unmappable(int event, String reason) {}

  private final List<RowPut> puts = new ArrayList<>();
  private final Map<ByteBuffer, CounterRow> counterRows = new LinkedHashMap<>();
  private final List<Unmappable> unmappable = new ArrayList<>();
  private int incrementCells;

  /** Maps every event with every serializer, for at-least-once counters. */
  static MutationBatch of(List<Event> events, List<HBaseEventSerializer> serializers) {
    return of(events, serializers, CounterLines.UNREAD);
  }

  /**
   * Maps every event with every serializer; an event one of them refuses, or whose counters {@code
   * lines} refuses, is unmappable.
   */
  static MutationBatch of(
      List<Event> events, List<HBaseEventSerializer> serializers, CounterLines lines) {
    MutationBatch batch = new MutationBatch();
    for (int i = 0; i < events.size(); i++) {
      EventCells cells = new EventCells();
      try {
        LineIdentity.Line line = lines.lineOf(events.get(i).getHeaders());
        map(events.get(i), serializers, cells);
        for (EventCells.Increment inc : cells.increments) {
          lines.checkColumn(inc.qualifier());
        }
        batch.add(i, cells, line);
      } catch (InvalidEventException e) {
        batch.unmappable.add(new Unmappable(i, e.getMessage()));
      }
    }
    return batch;
  }

  private static void map(Event event, List<HBaseEventSerializer> serializers, EventCells cells)
      throws InvalidEventException {
    try {
      for (HBaseEventSerializer serializer : serializers) {
        serializer.serialize(event, cells);
      }
    } catch (RuntimeException e) {
      throw new InvalidEventException("serializer failed: " + e);
    }
  }

  private void add(int event, EventCells cells, LineIdentity.Line line) {
    for (Map.Entry<ByteBuffer, List<Cell>> row : cells.puts.entrySet()) {
      puts.add(new RowPut(array(row.getKey()), row.getValue(), event));
    }
    for (EventCells.Increment inc : cells.increments) {
      counterRows
          .computeIfAbsent(
              ByteBuffer.wrap(inc.row()), k -> new CounterRow(inc.row(), new ArrayList<>()))
          .contributions()
          .add(new CounterRowPlan.Contribution(event, line, inc.qualifier(), inc.amount()));
      incrementCells++;
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

  /** Per counter row, its amounts summed per column. */
  List<RowIncrement> increments() {
    List<RowIncrement> increments = new ArrayList<>(counterRows.size());
    for (CounterRow row : counterRows.values()) {
      increments.add(row.summed());
    }
    return increments;
  }

  /** Per counter row, its events' amounts with their lines. */
  List<CounterRow> counterRows() {
    return new ArrayList<>(counterRows.values());
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
