package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.hbase.HBaseEventSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class MutationBatchTest {
  static Event event(String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), map);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static KeyTemplate.Event view(String body, String... headers) {
    Event e = event(body, headers);
    return new KeyTemplate.Event(e.getHeaders(), e.getBody());
  }

  @Test
  void templatesRenderHeadersTimesPaddingReversedTimeHashAndSalt() throws Exception {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    // 2026-11-21T16:30:00Z is 2026-11-22 00:30 in Shanghai: the day is the zone's
    KeyTemplate.Event e = view("x", "timestamp", "1795278600000", "course", "130", "id", "7");
    assertEquals(
        "20261122_130",
        text(KeyTemplate.compile("%{time:yyyyMMdd}_%{course}", shanghai).render(e)));
    assertEquals("00007", text(KeyTemplate.compile("%{id:5}", shanghai).render(e)));
    assertEquals(
        Long.toString(Long.MAX_VALUE - 1795278600000L),
        text(KeyTemplate.compile("%{reversedTime}", ZoneOffset.UTC).render(e)));
    String hash = text(KeyTemplate.compile("%{hash}", ZoneOffset.UTC).render(e));
    assertEquals(16, hash.length());
    assertEquals(hash, text(KeyTemplate.compile("%{hash}", ZoneOffset.UTC).render(view("x"))));
    String salted = text(KeyTemplate.compile("%{salt:16}-%{course}", ZoneOffset.UTC).render(e));
    assertEquals(
        salted, text(KeyTemplate.compile("%{salt:16}-%{course}", ZoneOffset.UTC).render(e)));
    assertEquals("-130", salted.substring(2));
    int bucket = Integer.parseInt(salted.substring(0, 2));
    assertEquals(true, bucket >= 0 && bucket < 16);

    HBaseEventSerializer.InvalidEventException missing =
        assertThrows(
            HBaseEventSerializer.InvalidEventException.class,
            () -> KeyTemplate.compile("%{user}", ZoneOffset.UTC).render(e));
    assertEquals("header user is absent", missing.getMessage());
  }

  @Test
  void aCounterColumnInTheMarkersNamespaceIsADeadLetterNotAnOverwrite() {
    HBaseSinkConfig config =
        HBaseSinkConfig.parse(
            "k",
            Map.of(
                "table", "t",
                "columnFamily", "d",
                "serializer", "counters",
                "counterRow", "%{course}",
                "counterColumn", "%{what}",
                "counterGuarantee", "exactly-once",
                "inFlightBatches", "1"));
    List<Event> events =
        List.of(
            event("ok", "course", "130", "what", "clicks", "lineId", "f:1"),
            event("bad", "course", "130", "what", "_eo_version", "lineId", "f:2"));
    MutationBatch batch = MutationBatch.of(events, config.serializers(), config.counterLines());
    assertEquals(1, batch.unmappable().size());
    assertEquals(1, batch.unmappable().get(0).event());
    assertTrue(
        batch
            .unmappable()
            .get(0)
            .reason()
            .startsWith("counter column '_eo_version' starts with _eo"),
        batch.unmappable().get(0).reason());
  }

  @Test
  void countersAreSummedPerCellAndRememberTheirEvents() {
    HBaseSinkConfig config =
        HBaseSinkConfig.parse(
            "k",
            Map.of(
                "table", "t",
                "columnFamily", "d",
                "serializer", "events,counters",
                "counterRow", "%{time:yyyyMMdd}_%{course}",
                "counterColumn", "clicks",
                "headerColumns", "course"));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(
          event("click " + i, "timestamp", "1795278600000", "course", i % 2 == 0 ? "130" : "131"));
    }
    events.add(event("no course", "timestamp", "1795278600000"));
    MutationBatch batch = MutationBatch.of(events, config.serializers());

    assertEquals(1000, batch.puts().size());
    assertEquals(1, batch.unmappable().size());
    assertEquals("header course is absent", batch.unmappable().get(0).reason());
    assertEquals(1000, batch.unmappable().get(0).event());
    List<MutationBatch.RowIncrement> increments = batch.increments();
    assertEquals(2, increments.size());
    assertEquals("20261121_130", text(increments.get(0).row()));
    assertEquals(
        Map.of(ByteBuffer.wrap("clicks".getBytes(StandardCharsets.UTF_8)), 500L),
        increments.get(0).amounts());
    assertEquals(500, increments.get(0).events().cardinality());
    assertEquals(1000, batch.incrementCellsRequested());
  }

  @Test
  void theAutomaticRowKeyIsDeterministic() throws Exception {
    HBaseSinkConfig config = HBaseSinkConfig.parse("k", Map.of("table", "t", "columnFamily", "d"));
    List<Event> events =
        List.of(
            event("from kafka", "topic", "logs", "partition", "3", "offset", "42"),
            event("timed", "timestamp", "1795278600000"),
            event("bare"));
    MutationBatch batch = MutationBatch.of(events, config.serializers());
    assertEquals("logs/3/00000000000000000042", text(batch.puts().get(0).row()));
    assertEquals(
        "20261121163000000/" + KeyTemplate.hex(KeyTemplate.hash(view("timed"))),
        text(batch.puts().get(1).row()));
    assertEquals(KeyTemplate.hex(KeyTemplate.hash(view("bare"))), text(batch.puts().get(2).row()));
    assertEquals(
        text(batch.puts().get(1).row()),
        text(MutationBatch.of(List.of(events.get(1)), config.serializers()).puts().get(0).row()));
  }

  @Test
  void aNullHeaderValueNeitherThrowsNorBecomesACell() throws Exception {
    HBaseSinkConfig config =
        HBaseSinkConfig.parse(
            "k",
            Map.of(
                "table", "t",
                "columnFamily", "d",
                "serializer", "events,counters",
                "counterRow", "%{time:yyyyMMdd}_%{course}",
                "counterColumn", "clicks",
                "eventTimeCells", "true"));
    Event withNulls = event("x", "course", "130", "timestamp", "1795278600000");
    withNulls.getHeaders().put("referer", null);
    withNulls.getHeaders().put("topic", null);
    Event nullTime = event("y", "course", "130");
    nullTime.getHeaders().put("timestamp", null);
    MutationBatch batch = MutationBatch.of(List.of(withNulls, nullTime), config.serializers());
    assertEquals(1, batch.puts().size(), "the event with a null referer is stored");
    assertEquals(1, batch.unmappable().size());
    assertEquals(1, batch.unmappable().get(0).event(), "a null event time cannot name a day");
  }

  @Test
  void badConfigurationNamesEveryKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                HBaseSinkConfig.parse(
                    "k1",
                    Map.of(
                        "columnFamily", "d",
                        "durability", "MAYBE",
                        "serializer", "events,counters,com.example.Nope",
                        "rowKey", "%{time}",
                        "deadLetter", "topic:dlq",
                        "kerberosKeytab", "/etc/k.keytab",
                        "batchsize", "10")));
    assertEquals(
        "Invalid configuration for HBase sink k1 (8 problems):\n"
            + "  - table: required, expected a non-empty string that HBase takes as a table name:"
            + " [namespace:]name, the name of letters, digits, '_', '-' and '.', not starting"
            + " with '.' or '-', the namespace of letters, digits and '_'\n"
            + "  - durability = 'MAYBE': expected one of USE_DEFAULT, SKIP_WAL, ASYNC_WAL,"
            + " SYNC_WAL, FSYNC_WAL\n"
            + "  - deadLetter = 'topic:dlq': expected file:<directory>, drop or fail\n"
            + "  - batchsize: unknown key (did you mean batchSize?)\n"
            + "  - kerberosPrincipal, kerberosKeytab: set both or neither\n"
            + "  - counterRow: required with serializer counters, e.g. %{time:yyyyMMdd}_%{course}\n"
            + "  - rowKey = '%{time}': expected a template (%{time:PATTERN} needs a pattern, e.g."
            + " %{time:yyyyMMdd})\n"
            + "  - serializer = 'com.example.Nope': expected events, counters, or a class"
            + " implementing dev.flumekit.hbase.HBaseEventSerializer with a public constructor"
            + " taking Map<String, String> (java.lang.ClassNotFoundException: com.example.Nope)",
        e.getMessage());
  }
}
