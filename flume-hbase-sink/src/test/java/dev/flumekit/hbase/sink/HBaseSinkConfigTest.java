package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HBaseSinkConfigTest {
  private static Map<String, String> clicks(String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("table", "access_logs");
    p.put("columnFamily", "d");
    p.put("serializer", "events,counters");
    p.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void atLeastOnceByDefaultWithTwoBatchesInFlight() {
    HBaseSinkConfig c = HBaseSinkConfig.parse("h", clicks());
    assertSame(CounterLines.UNREAD, c.counterLines());
    assertEquals(2, (int) c.get(HBaseSinkConfig.IN_FLIGHT_BATCHES));
  }

  @Test
  void getAnswersTheValueThatAppliesForKeysThatDependOnOthers() {
    HBaseSinkConfig c = HBaseSinkConfig.parse("h", clicks("enableWal", "false"));
    assertEquals(HBaseSinkConfig.WalDurability.SKIP_WAL, c.get(HBaseSinkConfig.DURABILITY));
    assertEquals("d", c.get(HBaseSinkConfig.COUNTER_COLUMN_FAMILY), "the columnFamily when unset");
    HBaseSinkConfig set = HBaseSinkConfig.parse("h", clicks("counterColumnFamily", "c"));
    assertEquals("c", set.get(HBaseSinkConfig.COUNTER_COLUMN_FAMILY));
    assertEquals(HBaseSinkConfig.WalDurability.USE_DEFAULT, set.get(HBaseSinkConfig.DURABILITY));
    assertEquals(2, set.get(HBaseSinkConfig.SERIALIZER).size());
    assertEquals(2, set.serializers().size(), "built by SerializerFactory, in order");
  }

  @Test
  void exactlyOnceWritesOneBatchAtATimeAndKeysRowsByLineId() {
    HBaseSinkConfig c = HBaseSinkConfig.parse("h", clicks("counterGuarantee", "exactly-once"));
    CounterLines.Identified lines =
        assertInstanceOf(CounterLines.Identified.class, c.counterLines());
    assertEquals("lineId", lines.identity().header());
    assertEquals(1, (int) c.get(HBaseSinkConfig.IN_FLIGHT_BATCHES));
  }

  @Test
  void exactlyOnceRefusesWhatCannotGiveItNamingTheKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                HBaseSinkConfig.parse(
                    "h",
                    clicks(
                        "counterGuarantee",
                        "exactly-once",
                        "inFlightBatches",
                        "2",
                        "rowKey",
                        "%{topic}/%{partition}/%{offset:20}")));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).contains("inFlightBatches = '2'"), e.problems().toString());
    assertTrue(e.problems().get(1).contains("lacks %{lineId}"), e.problems().toString());
    assertThrows(
        ConfigException.class,
        () -> HBaseSinkConfig.parse("h", clicks("counterGuarantee", "exactly-twice")));
    HBaseSinkConfig.parse(
        "h", clicks("counterGuarantee", "exactly-once", "rowKey", "%{time:yyyyMMdd}/%{lineId}"));
  }

  @Test
  void namesHBaseWouldRefuseAreRefusedNamingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                HBaseSinkConfig.parse(
                    "h", clicks("table", "access logs", "counterColumnFamily", "c:x")));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(
        e.problems()
            .get(0)
            .startsWith(
                "table = 'access logs': expected a non-empty string that HBase takes as a table"),
        e.problems().toString());
    assertTrue(
        e.problems()
            .get(1)
            .startsWith(
                "counterColumnFamily = 'c:x': expected a non-empty string that HBase takes as a"
                    + " column family"),
        e.problems().toString());
    assertEquals(
        "logs:access_logs",
        HBaseSinkConfig.parse("h", clicks("table", "logs:access_logs")).get(HBaseSinkConfig.TABLE));
  }
}
