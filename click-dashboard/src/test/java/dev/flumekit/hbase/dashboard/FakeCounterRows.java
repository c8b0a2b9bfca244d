package dev.flumekit.hbase.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A counter table in memory, rows in HBase's order (unsigned bytes); counts the cells handed out.
 */
final class FakeCounterRows implements CounterRows {
  private final TreeMap<byte[], Long> rows = new TreeMap<>(Arrays::compareUnsigned);
  int scans;
  long cellsHandedOut;

  FakeCounterRows put(String row, long value) {
    rows.put(row.getBytes(StandardCharsets.UTF_8), value);
    return this;
  }

  @Override
  public void scan(byte[] rowPrefix, Visitor visitor) {
    scans++;
    for (Map.Entry<byte[], Long> row : rows.tailMap(rowPrefix, true).entrySet()) {
      byte[] key = row.getKey();
      if (key.length < rowPrefix.length
          || !Arrays.equals(key, 0, rowPrefix.length, rowPrefix, 0, rowPrefix.length)) {
        return;
      }
      cellsHandedOut++;
      if (!visitor.counter(key, row.getValue())) {
        return;
      }
    }
  }
}
