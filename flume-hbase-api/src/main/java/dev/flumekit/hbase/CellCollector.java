package dev.flumekit.hbase;

/**
 * Where an {@link HBaseEventSerializer} writes the cells of one event. The sink owns the column
 * family, durability, TTL and batching, and sums increments of a batch per cell.
 */
public interface CellCollector {
  /** A cell to write; {@code timestampMs} is the cell's version, or -1 for the server's time. */
  void put(byte[] row, byte[] qualifier, byte[] value, long timestampMs);

  /** A counter to add {@code amount} to. */
  void increment(byte[] row, byte[] qualifier, long amount);
}
