package dev.flumekit.hbase.dashboard;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Reads the loader's click counters of the last days: one scan of the counter family from the first
 * day's rows on ({@code <yyyyMMdd>_<course>}, the shipped {@code counterRow}); the markers that
 * make the counts exactly once sit in other columns of the same rows and are not read.
 */
final class CounterTableReader {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Connection connection;
  private final TableName table;
  private final byte[] family;
  private final byte[] column;
  private final ZoneId zone;
  private final int days;

  CounterTableReader(
      Connection connection, String table, String family, String column, ZoneId zone, int days) {
    this.connection = connection;
    this.table = TableName.valueOf(table);
    this.family = Bytes.toBytes(family);
    this.column = Bytes.toBytes(column);
    this.zone = zone;
    this.days = days;
  }

  ClickCounts read() throws IOException {
    LocalDate today = LocalDate.now(zone);
    List<String> shown = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      shown.add(today.minusDays(d).format(DAY));
    }
    String first = shown.get(shown.size() - 1);
    String afterLast = today.plusDays(1).format(DAY);
    Map<String, Map<String, Long>> counts = new HashMap<>();
    Scan scan =
        new Scan()
            .withStartRow(Bytes.toBytes(first))
            .withStopRow(Bytes.toBytes(afterLast))
            .addColumn(family, column);
    try (Table t = connection.getTable(table);
        ResultScanner scanner = t.getScanner(scan)) {
      for (Result r : scanner) {
        String row = Bytes.toString(r.getRow());
        int underscore = row.indexOf('_');
        byte[] value = r.getValue(family, column);
        if (underscore != 8 || value == null || value.length != Bytes.SIZEOF_LONG) {
          continue;
        }
        counts
            .computeIfAbsent(row.substring(0, 8), d -> new HashMap<>())
            .merge(row.substring(9), Bytes.toLong(value), Long::sum);
      }
    }
    return new ClickCounts(today.format(DAY), shown, counts);
  }
}
