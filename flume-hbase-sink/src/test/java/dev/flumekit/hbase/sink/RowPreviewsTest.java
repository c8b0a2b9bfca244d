package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowPreviewsTest {
  /** The shipped loader's sink. */
  private static HBaseSinkConfig loader() {
    Map<String, String> p = new HashMap<>();
    p.put("zookeeperQuorum", "zk:2181");
    p.put("table", "access_logs");
    p.put("columnFamily", "d");
    p.put("counterColumnFamily", "c");
    p.put("serializer", "events,counters");
    p.put("headerColumns", "none");
    p.put("timezone", "Asia/Shanghai");
    p.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    p.put("counterColumn", "clicks");
    p.put("counterGuarantee", "exactly-once");
    p.put("deadLetter", "file:/var/lib/flumekit/loader/dead-letters");
    return HBaseSinkConfig.parse("hbase", p);
  }

  @Test
  void aClickShowsItsRowItsCounterAndTheDayInTheConfiguredZone() {
    // 2026-11-21 16:30 UTC is 2026-11-22 00:30 in Shanghai: the click counts for the 22nd
    Map<String, String> headers = new HashMap<>();
    headers.put("timestamp", "1795278600000");
    headers.put("course", "112");
    headers.put("lineId", "0123456789abcdef:4096");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("table", "access_logs");
    expected.put("row", "0123456789abcdef:4096");
    expected.put("columns", "d:body");
    expected.put("counterRow", "20261122_112");
    expected.put("counter", "c:clicks +1");
    expected.put("countedOnceAs", "0123456789abcdef:4096");
    expected.put("day", "2026-11-22 Asia/Shanghai");
    assertEquals(
        expected,
        RowPreviews.of(loader(), headers, "GET /class/112.html".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aClickWithoutItsTimeIsADeadLetterSayingWhy() {
    Map<String, String> headers = new HashMap<>();
    headers.put("course", "112");
    headers.put("lineId", "0123456789abcdef:4096");
    Map<String, String> p = RowPreviews.of(loader(), headers, new byte[0]);
    assertEquals("header timestamp (the event time) is absent", p.get("deadLetter"), p.toString());
    assertEquals("file:/var/lib/flumekit/loader/dead-letters", p.get("deadLetterTo"));
  }
}
