package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.KafkaBrokerExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kafka sink against a real KRaft broker on loopback. */
class KafkaSinkIT {
  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  static Map<String, String> config(String topic, String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", kafka.broker().bootstrapServers());
    p.put("kafka.topic", topic);
    p.put("deadLetter", "file:" + dir.resolve("dlq-" + topic));
    p.put("deadLetterFallbackDir", dir.resolve("dlq-fallback-" + topic).toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  static Event event(String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), h);
  }

  static String accessLine(int i) {
    return "10.0."
        + (i % 250)
        + "."
        + (i % 7)
        + " - - [21/Nov/2026:10:15:"
        + (10 + i % 50)
        + " +0800] \"GET /class/"
        + (100 + i % 40)
        + ".html HTTP/1.1\" 200 "
        + (500 + i % 3000)
        + " \"https://www.example.com/search?q="
        + i
        + "\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
  }

  static String body(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> out = new HashMap<>();
    for (Header h : r.headers()) {
      out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  static Object attribute(String sinkName, String attribute) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    return server.getAttribute(new ObjectName("org.apache.flume.sink:type=" + sinkName), attribute);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void deliversEveryEventOnceWithKeysPartitionsAndHeaders(int inFlightBatches) throws Exception {
    String topic = "exact-" + inFlightBatches;
    kafka.broker().createTopic(topic, 3);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Event e = event("event-" + i, "key", "user-" + (i % 7), "app", "web", "host", "h" + (i % 2));
      if (i % 10 == 0) {
        e.getHeaders().put("p", String.valueOf(i % 3));
      }
      events.add(e);
    }
    try (SinkHarness h =
        new SinkHarness(
            topic,
            config(
                topic,
                "inFlightBatches",
                String.valueOf(inFlightBatches),
                "flumeBatchSize",
                "500",
                "partitionIdHeader",
                "p",
                "header.app",
                "application",
                "copyHeaders",
                "host"))) {
      h.put(events);
      h.drain();
      assertEquals(3000L, attribute(topic, "EventDrainSuccessCount"));
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.broker().readAll(topic, 3000);
    assertEquals(3000, records.size());
    Map<String, Integer> partitionOfKey = new HashMap<>();
    Set<String> bodies = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String body = body(r);
      assertTrue(bodies.add(body), "duplicate " + body);
      int i = Integer.parseInt(body.substring("event-".length()));
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertEquals("user-" + (i % 7), key);
      assertEquals(Map.of("application", "web", "host", "h" + (i % 2)), headers(r));
      if (i % 10 == 0) {
        assertEquals(i % 3, r.partition(), body);
      } else {
        Integer previous = partitionOfKey.putIfAbsent(key, r.partition());
        assertTrue(previous == null || previous == r.partition(), "key " + key + " split");
      }
    }
  }

  @Test
  void aSinkThatWasIdleTakesTheNextEventOnItsNextCall() throws Exception {
    kafka.broker().createTopic("idle", 1);
    try (SinkHarness h = new SinkHarness("idle", config("idle", "inFlightBatches", "16"))) {
      for (int i = 0; i < 50; i++) {
        h.sink.process();
      }
      h.put(List.of(EventBuilder.withBody("after a quiet spell".getBytes(StandardCharsets.UTF_8))));
      assertEquals(Sink.Status.READY, h.sink.process());
      assertEquals(1L, attribute("idle", "EventDrainSuccessCount"), "delivered by that call");
    }
  }

  @Test
  void batchesInFlightAtOnceKeepChannelOrder() throws Exception {
    kafka.broker().createTopic("order", 1);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      events.add(event(String.valueOf(i)));
    }
    try (SinkHarness h =
        new SinkHarness(
            "order", config("order", "flumeBatchSize", "100", "inFlightBatches", "4"))) {
      h.put(events);
      h.drain();
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.broker().readAll("order", 5000);
    assertEquals(5000, records.size());
    for (int i = 0; i < records.size(); i++) {
      assertEquals(String.valueOf(i), body(records.get(i)), "record at offset " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void compressesRecordBatchesOnTheWire(String codec) throws Exception {
    String topic = "codec-" + codec;
    kafka.broker().createTopic(topic, 1);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      events.add(event(accessLine(i)));
    }
    try (SinkHarness h =
        new SinkHarness(topic, config(topic, "compression", codec, "flumeBatchSize", "1000"))) {
      h.put(events);
      h.drain();
    }
    assertEquals(2000, kafka.broker().readAll(topic, 2000).size());
    List<String> codecs = kafka.broker().batchCodecs(topic, 0);
    long logBytes = kafka.broker().logBytes(topic, 0);
    assertFalse(codecs.isEmpty());
    assertEquals(Set.of(codec), Set.copyOf(codecs), "codec of every batch in the log");
    long rawBytes = events.stream().mapToLong(e -> e.getBody().length).sum();
    if (!codec.equals("none")) {
      assertTrue(logBytes < rawBytes / 2, codec + ": " + logBytes + " log bytes for " + rawBytes);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1, 1", "all, -1", "-1, -1"})
  void sendsProduceRequestsWithTheConfiguredAcks(String acks, int onTheWire) throws Exception {
    String name = "acks" + acks;
    List<String> produceRequests;
    try (BrokerRequestLog log = BrokerRequestLog.capture();
        SinkHarness h = new SinkHarness(name, config(name, "acks", acks))) {
      h.put(List.of(event("a"), event("b"), event("c")));
      h.drain();
      assertEquals(3, kafka.broker().readAll(name, 3).size());
      produceRequests = log.awaitProduceRequestsFrom("flumekit-" + name, Duration.ofSeconds(10));
    }
    assertFalse(produceRequests.isEmpty(), "the broker logged the sink's produce requests");
    for (String request : produceRequests) {
      assertTrue(request.contains("\"acks\":" + onTheWire + ","), request);
    }
  }

  @Test
  void acksZeroCannotSeeWhatTheBrokerRefuses() throws Exception {
    // a record time three hours ahead: Kafka 4 brokers refuse it, and only an acknowledgement says
    // so (a record over the topic's max.message.bytes is set aside before sending, whatever acks)
    kafka.broker().createTopic("ahead", 1);
    String ahead = String.valueOf(System.currentTimeMillis() + 3 * 3_600_000L);
    Event event =
        EventBuilder.withBody(
            "dated ahead".getBytes(StandardCharsets.UTF_8), Map.of("timestamp", ahead));
    Map<String, String> acksZero = config("ahead", "acks", "0", "timestampHeader", "timestamp");
    try (SinkHarness h = new SinkHarness("acks-zero", acksZero)) {
      h.put(List.of(event));
      h.drain();
      assertEquals(1L, attribute("acks-zero", "EventDrainSuccessCount"));
      assertEquals(0L, attribute("acks-zero", "DeadLetterCount"));
    }
    Map<String, String> acksOne = config("ahead", "acks", "1", "timestampHeader", "timestamp");
    try (SinkHarness h = new SinkHarness("acks-one-ahead", acksOne)) {
      h.put(List.of(EventBuilder.withBody(event.getBody(), new HashMap<>(event.getHeaders()))));
      h.drain();
      assertEquals(0L, attribute("acks-one-ahead", "EventDrainSuccessCount"));
      assertEquals(1L, attribute("acks-one-ahead", "DeadLetterCount"));
    }
    assertEquals(
        0L, kafka.broker().endOffsetSum("ahead"), "the broker refused the record both times");
  }

  @Test
  void deadLettersPoisonAndDeliversEveryGoodRecordOnce() throws Exception {
    kafka.broker().createTopic("poison", 2);
    kafka.broker().createTopic("poison-dlq", 1);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      events.add(event("good-" + i));
    }
    events.set(150, event("x".repeat(20000)));
    events.set(160, event("bad-partition", "p", "x"));
    events.set(170, event("no-such-partition", "p", "9"));
    Path fallback = dir.resolve("poison-fallback");
    try (SinkHarness h =
        new SinkHarness(
            "poison",
            config(
                "poison",
                "flumeBatchSize",
                "100",
                "partitionIdHeader",
                "p",
                "deadLetter",
                "topic:poison-dlq",
                "deadLetterFallbackDir",
                fallback.toString(),
                "kafka.producer.max.request.size",
                "10000"))) {
      h.put(events);
      h.drain();
      assertBatchesOfAtMost(100, 300, "poison");
      assertEquals(297L, attribute("poison", "EventDrainSuccessCount"));
      assertEquals(300L, attribute("poison", "EventDrainAttemptCount"));
      assertEquals(3L, attribute("poison", "DeadLetterCount"));
      assertEquals(1L, attribute("poison", "DeadLetterFallbackCount"));
      assertEquals(0L, attribute("poison", "RetryCount"));
      assertEquals(0L, attribute("poison", "RollbackCount"));
    }
    List<ConsumerRecord<byte[], byte[]>> good = kafka.broker().readAll("poison", 297);
    Set<String> bodies = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : good) {
      assertTrue(bodies.add(body(r)), "duplicate " + body(r));
    }
    assertEquals(297, bodies.size());
    assertTrue(bodies.stream().allMatch(b -> b.startsWith("good-")));

    Map<String, Map<String, String>> letters = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.broker().readAll("poison-dlq", 2)) {
      letters.put(body(r), headers(r));
    }
    assertEquals(Set.of("bad-partition", "no-such-partition"), letters.keySet());
    Map<String, String> badPartition = letters.get("bad-partition");
    assertEquals("BadPartitionHeader", badPartition.get("flumekit.dlq.error"));
    assertEquals("p = 'x' is not a partition number", badPartition.get("flumekit.dlq.reason"));
    assertEquals("poison", badPartition.get("flumekit.dlq.topic"));
    assertEquals("x", badPartition.get("p"));
    assertEquals(
        PartitionOutOfRangeException.class.getName(),
        letters.get("no-such-partition").get("flumekit.dlq.error"));
    assertEquals(
        "partition 9 of topic poison does not exist (the topic has 2)",
        letters.get("no-such-partition").get("flumekit.dlq.reason"));

    String tooLarge = String.join("\n", Files.readAllLines(onlyFile(fallback)));
    assertTrue(
        tooLarge.contains("\"error\":\"org.apache.kafka.common.errors.RecordTooLargeException\""),
        tooLarge);
    assertTrue(tooLarge.contains("\"destination\":\"poison\""), tooLarge);
  }

  @Test
  void acceptsASeedEraConfigByChangingOnlyTheType() throws Exception {
    Map<String, String> legacy = new HashMap<>();
    legacy.put("type", "dev.flumekit.kafka.KafkaSink");
    legacy.put("brokerList", kafka.broker().bootstrapServers());
    legacy.put("topic", "logkafka");
    legacy.put("batchSize", "20");
    legacy.put("requiredAcks", "-1");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(event(accessLine(i)));
    }
    try (SinkHarness h = new SinkHarness("legacy", legacy)) {
      h.put(events);
      h.drain();
      assertBatchesOfAtMost(20, 50, "legacy");
    }
    assertEquals(50, kafka.broker().readAll("logkafka", 50).size());
  }

  @Test
  void transactionalModeShowsEachRecordOnceToReadCommittedConsumers() throws Exception {
    kafka.broker().createTopic("tx", 2);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      events.add(event("tx-" + i));
    }
    events.set(250, event("bad", "p", "oops"));
    events.set(260, event("y".repeat(20000)));
    try (SinkHarness h =
        new SinkHarness(
            "tx",
            config(
                "tx",
                "transactional",
                "true",
                "transactionalId",
                "it-tx",
                "flumeBatchSize",
                "200",
                "partitionIdHeader",
                "p",
                "kafka.producer.max.request.size",
                "10000"))) {
      h.put(events);
      h.drain();
      assertEquals(398L, attribute("tx", "EventDrainSuccessCount"));
      assertEquals(2L, attribute("tx", "DeadLetterCount"));
    }
    List<ConsumerRecord<byte[], byte[]>> committed =
        kafka
            .broker()
            .readAll("tx", 398, Duration.ofSeconds(60), Duration.ofMillis(500), "read_committed");
    Set<String> bodies = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : committed) {
      assertTrue(bodies.add(body(r)), "duplicate " + body(r));
    }
    assertEquals(398, bodies.size());
    assertEquals(2, Files.readAllLines(onlyFile(dir.resolve("dlq-tx"))).size());
  }

  /**
   * The sink took {@code events} in batches of at most {@code batchSize}. Not the exact split:
   * batches in flight take from the channel at once, and two of them may share its last events (20,
   * 15, 15 rather than 20, 20, 10).
   */
  private static void assertBatchesOfAtMost(int batchSize, int events, String sink)
      throws Exception {
    assertEquals((long) events, attribute(sink, "EventDrainAttemptCount"));
    long batches =
        (Long) attribute(sink, "BatchCompleteCount")
            + (Long) attribute(sink, "BatchUnderflowCount");
    assertTrue(
        batches >= (events + batchSize - 1) / batchSize,
        batches + " batches for " + events + " events of at most " + batchSize);
  }

  static Path onlyFile(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), all.toString());
      assertNotNull(all.get(0));
      return all.get(0);
    }
  }
}
