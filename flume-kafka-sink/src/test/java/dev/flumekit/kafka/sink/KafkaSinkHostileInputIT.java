package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events that name a topic the cluster does not have, against a broker that does not create topics
 * on demand (as production brokers are set up). Before, each such record blocked its send for
 * max.block.ms (60 s), was classed as retriable and re-sent for ever: 20 of 20,000 stopped the sink
 * for good. Now they become dead letters (or go to the fallback topic) at once, and every other
 * event of their batches is delivered.
 */
class KafkaSinkHostileInputIT {
  @RegisterExtension
  static final KafkaBrokerExtension kafka =
      new KafkaBrokerExtension(Map.of("auto.create.topics.enable", "false"));

  @TempDir static Path dir;

  private static Map<String, String> config(String name, String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", kafka.broker().bootstrapServers());
    p.put("kafka.topic", "logs");
    p.put("flumeBatchSize", "1000");
    p.put("deadLetter", "file:" + dir.resolve("dlq-" + name));
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static List<Event> events(int count, int everyNthMissing, String missingTopic) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> headers = new HashMap<>();
      if (i % everyNthMissing == everyNthMissing / 2) {
        headers.put("topic", missingTopic);
      }
      events.add(EventBuilder.withBody(("line " + i).getBytes(StandardCharsets.UTF_8), headers));
    }
    return events;
  }

  private static List<String> deadLetterLines(String name) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("dlq-" + name))) {
      for (Path f : files.toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void eventsForAMissingTopicBecomeDeadLettersAndTheOthersFlow() throws Exception {
    kafka.broker().createTopic("logs", 3);
    List<Event> events = events(20_000, 1000, "no-such-topic");
    long started = System.nanoTime();
    try (SinkHarness h = new SinkHarness("missing", config("missing"))) {
      h.put(events);
      h.drain();
      long drainedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("20,000 events, 20 for a missing topic: drained in %,d ms%n", drainedMs);
      assertEquals(19_980L, KafkaSinkIT.attribute("missing", "EventDrainSuccessCount"));
      assertEquals(20L, KafkaSinkIT.attribute("missing", "DeadLetterCount"));
    }
    List<ConsumerRecord<byte[], byte[]>> delivered = kafka.broker().readAll("logs", 19_980);
    assertEquals(19_980, delivered.size());
    List<String> letters = deadLetterLines("missing");
    assertEquals(20, letters.size());
    assertTrue(letters.get(0).contains("\"error\":\"TopicMissing\""), letters.get(0));
    assertTrue(letters.get(0).contains("\"destination\":\"no-such-topic\""), letters.get(0));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anAllowedButMissingTopicGoesToTheFallbackTopic() throws Exception {
    kafka.broker().createTopic("routed", 1);
    kafka.broker().createTopic("routed-other", 1);
    try (SinkHarness h =
        new SinkHarness(
            "fallback",
            config(
                "fallback",
                "kafka.topic",
                "routed",
                "topicAllowList",
                "routed,routed-b",
                "fallbackTopic",
                "routed-other"))) {
      h.put(events(100, 10, "routed-b"));
      h.drain();
      assertEquals(100L, KafkaSinkIT.attribute("fallback", "EventDrainSuccessCount"));
      assertEquals(0L, KafkaSinkIT.attribute("fallback", "DeadLetterCount"));
    }
    assertEquals(90, kafka.broker().readAll("routed", 90).size());
    assertEquals(10, kafka.broker().readAll("routed-other", 10).size());
  }

  /**
   * Records under the producer's max.request.size but over the topic's max.message.bytes: the
   * broker refuses their batch, and a transactional producer then aborts the whole transaction.
   * They are recognised before sending, from the topic's limit, and set aside; the rest flows. The
   * test's timeout is what catches a stall (a refused batch is retried until delivery.timeout.ms).
   */
  @ParameterizedTest(name = "transactional = {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(value = 100, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void recordsOverTheTopicsMessageLimitBecomeDeadLettersBeforeTheyAreSent(boolean transactional)
      throws Exception {
    String name = "oversize-" + transactional;
    String topic = "small-" + transactional;
    kafka.broker().createTopic(topic, 2, Map.of("max.message.bytes", "20000"));
    List<Event> events = new ArrayList<>();
    byte[] large = new byte[50_000];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) ('a' + random.nextInt(16));
    }
    for (int i = 0; i < 5_000; i++) {
      byte[] body = i % 1000 == 500 ? large : ("line " + i).getBytes(StandardCharsets.UTF_8);
      events.add(EventBuilder.withBody(body, new HashMap<>()));
    }
    long started = System.nanoTime();
    Map<String, String> config =
        config(
            name,
            "kafka.topic",
            topic,
            "transactional",
            String.valueOf(transactional),
            "kafka.producer.compression.type",
            "snappy");
    try (SinkHarness h = new SinkHarness(name, config)) {
      h.put(events);
      h.drain();
      long drainedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "5,000 events, 5 over the topic's limit, transactional %s: drained in %,d ms%n",
          transactional, drainedMs);
      assertEquals(4_995L, KafkaSinkIT.attribute(name, "EventDrainSuccessCount"));
      assertEquals(5L, KafkaSinkIT.attribute(name, "DeadLetterCount"));
    }
    assertEquals(4_995, kafka.broker().readToEnd(topic, "read_committed").size());
    List<String> letters = deadLetterLines(name);
    assertEquals(5, letters.size());
    String head = letters.get(0).substring(0, 300);
    assertTrue(head.contains("\"error\":\"TopicMessageLimit\""), head);
    assertTrue(head.contains("max.message.bytes 20000"), head);
  }
}
