package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.avro.AvroFlumeEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EventRecordMapperTest {
  private static final long NOW = 1_700_000_060_000L;

  @Test
  void anOldEventTimeIsNotTheRecordTimeSoRetentionCannotDeleteABacklogEarly() {
    EventRecordMapper m = mapper("timestampHeader", "ts", "copyHeaders", "ts");
    long weekAgo = NOW - 7 * 24 * 3_600_000L;
    ProducerRecord<byte[], byte[]> old =
        m.map(EventBuilder.withBody(new byte[0], Map.of("ts", Long.toString(weekAgo)))).record();
    assertNull(old.timestamp(), "the producer stamps the send time");
    assertEquals(
        Long.toString(weekAgo),
        new String(old.headers().lastHeader("ts").value(), StandardCharsets.UTF_8),
        "the event's own time travels in its header");
    // not copied by configuration: still carried, the loader's day depends on it
    ProducerRecord<byte[], byte[]> uncopied =
        mapper("timestampHeader", "ts")
            .map(EventBuilder.withBody(new byte[0], Map.of("ts", Long.toString(weekAgo))))
            .record();
    assertNull(uncopied.timestamp());
    assertEquals(
        Long.toString(weekAgo),
        new String(uncopied.headers().lastHeader("ts").value(), StandardCharsets.UTF_8));
    long recent = NOW - 59 * 60_000L;
    assertEquals(
        recent,
        m.map(EventBuilder.withBody(new byte[0], Map.of("ts", Long.toString(recent))))
            .record()
            .timestamp());
  }

  @Test
  void aNamedListIsCopiedInItsOrderAndWhatTheEventLacksIsLeftOut() {
    EventRecordMapper m = mapper("copyHeaders", "lineId, host,course,  lineId");
    Map<String, String> headers = new HashMap<>();
    headers.put("course", "c7");
    headers.put("path", "/courses/c7");
    headers.put("lineId", "9c0f:200");
    headers.put("status", "200");
    ProducerRecord<byte[], byte[]> r = m.map(EventBuilder.withBody(new byte[0], headers)).record();
    List<String> copied = new ArrayList<>();
    for (Header h : r.headers()) {
      copied.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("lineId=9c0f:200", "course=c7"), copied); // no host header on the event
  }

  private static EventRecordMapper mapper(String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "b:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    // "now" a minute after the events' times below
    return new EventRecordMapper(KafkaSinkConfig.parse("k1", p), () -> NOW);
  }

  private static MappedEvent map(EventRecordMapper mapper, String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return mapper.map(EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), h));
  }

  @Test
  void mapsBodyKeyPartitionTimestampAndSelectedHeaders() {
    EventRecordMapper m =
        mapper(
            "kafka.topic", "logs",
            "partitionIdHeader", "p",
            "timestampHeader", "ts",
            "header.app", "application",
            "copyHeaders", "host");
    ProducerRecord<byte[], byte[]> r =
        map(
                m,
                "line",
                "key",
                "user-1",
                "p",
                "2",
                "ts",
                "1700000000000",
                "app",
                "web",
                "host",
                "h1",
                "x",
                "y")
            .record();
    assertEquals("logs", r.topic());
    assertEquals(2, r.partition());
    assertEquals(1700000000000L, r.timestamp());
    assertArrayEquals("user-1".getBytes(StandardCharsets.UTF_8), r.key());
    assertArrayEquals("line".getBytes(StandardCharsets.UTF_8), r.value());
    Map<String, String> headers = new HashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    assertEquals(Map.of("application", "web", "host", "h1"), headers);
  }

  @Test
  void anEventReadFromKafkaIsNotRoutedBackToTheTopicItCameFrom() {
    EventRecordMapper m = mapper("kafka.topic", "out");
    assertEquals("elsewhere", map(m, "x", "topic", "elsewhere").record().topic());
    // a Kafka source or channel names the topic read in the topic header, beside partition and
    // offset: routed by it, the event would loop
    assertEquals(
        "out", map(m, "x", "topic", "in", "partition", "0", "offset", "17").record().topic());
    EventRecordMapper mirror = mapper("kafka.topic", "mirror-%{topic}");
    assertEquals(
        "mirror-in",
        map(mirror, "x", "topic", "in", "partition", "0", "offset", "17").record().topic());
  }

  @Test
  void leavesKeyPartitionAndHeadersUnsetWhenAbsent() {
    ProducerRecord<byte[], byte[]> r = map(mapper(), "x").record();
    assertNull(r.key());
    assertNull(r.partition());
    assertNull(r.timestamp());
    assertEquals(0, r.headers().toArray().length);
  }

  @Test
  void usesTheDefaultPartitionWithoutAHeader() {
    EventRecordMapper m = mapper("partitionIdHeader", "p", "defaultPartitionId", "1");
    assertEquals(1, map(m, "x").record().partition());
    assertEquals(0, map(m, "x", "p", "0").record().partition());
  }

  @Test
  void refusesBadPartitionAndTimestampHeaders() {
    EventRecordMapper m = mapper("partitionIdHeader", "p", "timestampHeader", "ts");
    MappedEvent badPartition = map(m, "x", "p", "two");
    assertTrue(badPartition.refused());
    assertEquals("BadPartitionHeader", badPartition.refusalCheck());
    assertEquals("p = 'two' is not a partition number", badPartition.refusal());
    assertEquals("BadPartitionHeader", map(m, "x", "p", "-1").refusalCheck());
    MappedEvent badTime = map(m, "x", "ts", "yesterday");
    assertEquals("BadTimestampHeader", badTime.refusalCheck());
    assertEquals("ts = 'yesterday' is not epoch milliseconds", badTime.refusal());
  }

  @Test
  void routesByTopicHeaderAndTemplate() {
    assertEquals(
        "other", map(mapper("kafka.topic", "logs"), "x", "topic", "other").record().topic());
    assertEquals(
        "logs",
        map(mapper("kafka.topic", "logs", "allowTopicOverride", "false"), "x", "topic", "o")
            .record()
            .topic());
    assertEquals(
        "logs-web", map(mapper("kafka.topic", "logs-%{app}"), "x", "app", "web").record().topic());
    assertEquals(
        "t2",
        map(mapper("kafka.topic", "logs", "topicHeader", "route"), "x", "route", "t2")
            .record()
            .topic());
  }

  @Test
  void guardsRoutingWithAnAllowListAndFallback() {
    EventRecordMapper guarded =
        mapper("kafka.topic", "logs-%{app}", "topicAllowList", "logs-web,logs-api");
    assertEquals("logs-api", map(guarded, "x", "app", "api").record().topic());
    MappedEvent junk = map(guarded, "x", "app", "junk");
    assertEquals("TopicNotAllowed", junk.refusalCheck());
    assertEquals("'logs-junk' is not in topicAllowList", junk.refusal());
    assertEquals("logs-junk", junk.destination());
    MappedEvent missing = map(guarded, "x");
    assertEquals("TopicUnresolved", missing.refusalCheck());
    assertEquals("no header for logs-%{app} in the event", missing.refusal());
    MappedEvent illegal = map(guarded, "x", "topic", "a b");
    assertEquals("TopicIllegal", illegal.refusalCheck());

    EventRecordMapper withFallback =
        mapper(
            "kafka.topic",
            "logs-%{app}",
            "topicAllowList",
            "logs-web",
            "fallbackTopic",
            "logs-other");
    assertEquals("logs-other", map(withFallback, "x", "app", "junk").record().topic());
    assertEquals("logs-other", map(withFallback, "x").record().topic());
    assertEquals("logs-web", map(withFallback, "x", "app", "web").record().topic());
  }

  @Test
  void writesFlumesAvroEventFormat() throws Exception {
    byte[] value =
        map(mapper("useFlumeEventFormat", "true"), "body", "a", "1", "b", "2").record().value();
    AvroFlumeEvent decoded =
        new SpecificDatumReader<>(AvroFlumeEvent.class)
            .read(null, DecoderFactory.get().binaryDecoder(value, null));
    assertEquals("body", StandardCharsets.UTF_8.decode(decoded.getBody()).toString());
    Map<String, String> headers = new HashMap<>();
    decoded.getHeaders().forEach((k, v) -> headers.put(k.toString(), v.toString()));
    assertEquals(Map.of("a", "1", "b", "2"), headers);
  }

  @Test
  void aNullHeaderValueIsLeftOutOfTheAvroEventAndTheRecordHeaders() throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("a", "1");
    headers.put("gone", null);
    Event event = EventBuilder.withBody("body".getBytes(StandardCharsets.UTF_8), headers);
    byte[] value = mapper("useFlumeEventFormat", "true").map(event).record().value();
    AvroFlumeEvent decoded =
        new SpecificDatumReader<>(AvroFlumeEvent.class)
            .read(null, DecoderFactory.get().binaryDecoder(value, null));
    assertEquals(1, decoded.getHeaders().size());
    MappedEvent copied = mapper("copyHeaders", "all").map(event);
    assertEquals(1, copied.record().headers().toArray().length);
  }

  @Test
  void checksTopicNames() {
    assertTrue(TopicNames.isLegal("a.b_c-D9"));
    for (String bad : List.of("", ".", "..", "a b", "a/b", "x".repeat(250), "ü")) {
      assertTrue(!TopicNames.isLegal(bad), bad);
    }
  }
}
