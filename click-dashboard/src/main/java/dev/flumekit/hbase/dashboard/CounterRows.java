package dev.flumekit.hbase.dashboard;

import java.io.IOException;

/** The counter cells of the loader's table, read by row prefix: all the dashboard asks of HBase. */
interface CounterRows {
  /** Receives counters in row order; returns false to stop the scan. */
  interface Visitor {
    boolean counter(byte[] row, long value);
  }

  /**
   * Hands the counter of each row that starts with {@code rowPrefix}, in row order, to the visitor
   * until it returns false; cells that hold no 8-byte counter are skipped.
   */
  void scan(byte[] rowPrefix, Visitor visitor) throws IOException;
}
