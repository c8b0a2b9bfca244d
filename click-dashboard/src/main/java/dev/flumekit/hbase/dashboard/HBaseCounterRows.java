package dev.flumekit.hbase.dashboard;

import java.io.IOException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The counter column of the loader's table; only that column is read, not the markers beside it
 * that make the counts exactly once.
 */
final class HBaseCounterRows implements CounterRows {
  /** Rows per scanner round trip: a page of counters, not a whole day of them. */
  private static final int ROWS_PER_FETCH = 1_000;

  private final Connection connection;
  private final TableName table;
  private final byte[] family;
  private final byte[] column;

  HBaseCounterRows(Connection connection, String table, String family, String column) {
    this.connection = connection;
    this.table = TableName.valueOf(table);
    this.family = Bytes.toBytes(family);
    this.column = Bytes.toBytes(column);
  }

  @Override
  public void scan(byte[] rowPrefix, Visitor visitor) throws IOException {
    Scan scan =
        new Scan()
            .setStartStopRowForPrefixScan(rowPrefix)
            .addColumn(family, column)
            .setCaching(ROWS_PER_FETCH);
    try (Table t = connection.getTable(table);
        ResultScanner scanner = t.getScanner(scan)) {
      for (Result r = scanner.next(); r != null; r = scanner.next()) {
        byte[] value = r.getValue(family, column);
        if (value != null
            && value.length == Bytes.SIZEOF_LONG
            && !visitor.counter(r.getRow(), Bytes.toLong(value))) {
          return;
        }
      }
    }
  }
}
