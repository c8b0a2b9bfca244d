package dev.flumekit.bench;

import dev.flumekit.testkit.hbase.MiniHBase;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** The clicks the shipped loader counted in a table: one counter per course and day, c:clicks. */
final class ClickCounters {
  private ClickCounters() {}

  static long sum(MiniHBase hbase, String table) throws Exception {
    long sum = 0;
    try (Table t = hbase.connection().getTable(TableName.valueOf(table));
        ResultScanner scanner = t.getScanner(new Scan().addFamily(Bytes.toBytes("c")))) {
      for (Result r : scanner) {
        byte[] value = r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"));
        if (value != null) {
          sum += Bytes.toLong(value);
        }
      }
    }
    return sum;
  }
}
