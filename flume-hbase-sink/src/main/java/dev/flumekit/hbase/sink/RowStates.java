package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counter rows whose state the exactly-once writer remembers, so that a batch costs no reads in
 * the steady state: the rows written most recently, bounded by the number of rows and by the number
 * of markers they hold together (markers are most of a row's memory, about 150 bytes each), so that
 * rows with many markers cannot exhaust the heap. A row forgotten is read again when next written.
 * One thread uses it. I/O-free.
 */
final class RowStates {
  private record Entry(CounterRowPlan.Applied state, int markers) {}

  private final int maxRows;
  private final long maxMarkers;
  private final LinkedHashMap<ByteBuffer, Entry> rows = new LinkedHashMap<>(1024, 0.75f, true);
  private long markers;

  RowStates(int maxRows, long maxMarkers) {
    this.maxRows = maxRows;
    this.maxMarkers = maxMarkers;
  }

  /** The row's remembered state, or null. */
  CounterRowPlan.Applied get(ByteBuffer row) {
    Entry e = rows.get(row);
    return e == null ? null : e.state();
  }

  boolean contains(ByteBuffer row) {
    return rows.containsKey(row);
  }

  /**
   * Remembers {@code state} for {@code row}, then forgets the least recently used beyond bounds.
   */
  void put(ByteBuffer row, CounterRowPlan.Applied state) {
    Entry old = rows.put(row, new Entry(state, state.markers().size()));
    markers += state.markers().size() - (old == null ? 0 : old.markers());
    Iterator<Map.Entry<ByteBuffer, Entry>> eldest = rows.entrySet().iterator();
    while ((rows.size() > maxRows || markers > maxMarkers) && rows.size() > 1) {
      // the row just put is the most recent, last in the order: it stays, however large
      markers -= eldest.next().getValue().markers();
      eldest.remove();
    }
  }

  void remove(ByteBuffer row) {
    Entry old = rows.remove(row);
    if (old != null) {
      markers -= old.markers();
    }
  }

  int rows() {
    return rows.size();
  }

  long markers() {
    return markers;
  }
}
