package dev.flumekit.kafka.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.kafka.KafkaSource;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.SourceHarness;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import javax.management.ObjectName;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.source.avro.AvroFlumeEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source against a real KRaft broker, driven the way Flume's PollableSourceRunner does. */
class KafkaSourceIT {
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  /** The operator's source class writing into a real MemoryChannel. */
  private static final class Harness implements AutoCloseable {
    final SourceHarness<KafkaSource> wired;
    final KafkaSource source;
    final String name;

    Harness(String name, int channelCapacity, String... keyValues) {
      this.name = name;
      Map<String, String> properties = new HashMap<>();
      properties.put("kafka.bootstrap.servers", kafka.broker().bootstrapServers());
      properties.put("batchDurationMillis", "200");
      for (int i = 0; i < keyValues.length; i += 2) {
        properties.put(keyValues[i], keyValues[i + 1]);
      }
      this.wired = new SourceHarness<>(new KafkaSource(), name, channelCapacity, properties);
      this.source = wired.source();
    }

    List<Event> take(int max) {
      return wired.take(max);
    }

    @Override
    public void close() {
      wired.close();
    }
  }

  private static long attribute(String source, String name) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("org.apache.flume.source:type=" + source), name))
        .longValue();
  }

  private static void produce(String topic, int from, int count, boolean flumeEventFormat)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.broker().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        byte[] body = ("record " + i).getBytes(StandardCharsets.UTF_8);
        byte[] value = flumeEventFormat ? avro(Map.of("timestamp", "1795278600000"), body) : body;
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                topic,
                null,
                1_700_000_000_000L + i,
                ("user-" + i % 5).getBytes(StandardCharsets.UTF_8),
                value);
        record.headers().add("app", "web".getBytes(StandardCharsets.UTF_8));
        sent.add(producer.send(record));
      }
      for (Future<RecordMetadata> s : sent) {
        s.get(); // a record the broker refused fails the test here, not as a missing record later
      }
    }
  }

  private static byte[] avro(Map<String, String> headers, byte[] body) throws Exception {
    Map<CharSequence, CharSequence> h = new HashMap<>(headers);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<>(AvroFlumeEvent.class)
        .write(new AvroFlumeEvent(h, ByteBuffer.wrap(body)), encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void recordsBecomeEventsWithTheirKafkaCoordinates() throws Exception {
    kafka.broker().createTopic("coords", 3);
    produce("coords", 0, 500, false);
    try (Harness h = new Harness("coords", 10_000, "kafka.topics", "coords", "batchSize", "100")) {
      List<Event> events = new ArrayList<>();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (events.size() < 500 && System.nanoTime() < deadline) {
        h.source.process();
        events.addAll(h.take(10_000));
      }
      assertEquals(500, events.size());
      Set<String> coordinates = new HashSet<>();
      for (Event e : events) {
        Map<String, String> headers = e.getHeaders();
        int i = Integer.parseInt(new String(e.getBody(), StandardCharsets.UTF_8).substring(7));
        assertEquals("coords", headers.get("topic"));
        assertEquals("user-" + i % 5, headers.get("key"));
        assertEquals("web", headers.get("app"));
        assertEquals(Long.toString(1_700_000_000_000L + i), headers.get("timestamp"));
        assertTrue(coordinates.add(headers.get("partition") + "/" + headers.get("offset")));
      }
      assertEquals(500L, attribute("coords", "EventAcceptedCount"));
    }
    // commits complete asynchronously, and stop() commits what is left synchronously
    assertTrue(attribute("coords", "CommitCount") >= 1);
  }

  @Test
  void aFullChannelRewindsAndNothingIsLostOrRepeated() throws Exception {
    kafka.broker().createTopic("full", 2);
    produce("full", 0, 2000, false);
    try (Harness h =
        new Harness(
            "full",
            300,
            "kafka.topics",
            "full",
            "batchSize",
            "200",
            // a poll may bring more than a batch holds: the rest waits for the next batch
            "kafka.consumer.max.poll.records",
            "1000")) {
      Set<String> bodies = new HashSet<>();
      int duplicates = 0;
      long deadline = System.nanoTime() + 60_000_000_000L;
      int round = 0;
      while (bodies.size() < 2000 && System.nanoTime() < deadline) {
        h.source.process();
        h.source.process();
        // drain slower than the source fills, so that the channel is full now and then
        if (++round % 2 == 0) {
          for (Event e : h.take(250)) {
            if (!bodies.add(new String(e.getBody(), StandardCharsets.UTF_8))) {
              duplicates++;
            }
          }
        }
      }
      assertEquals(2000, bodies.size());
      assertEquals(0, duplicates);
      assertTrue(attribute("full", "ChannelFullCount") > 0, "the channel filled up");
    }
  }

  @Test
  void twoSourcesInOneGroupShareThePartitionsAcrossARebalance() throws Exception {
    kafka.broker().createTopic("shared", 4);
    produce("shared", 0, 3000, false);
    Map<String, Integer> seen = new HashMap<>();
    try (Harness a =
        new Harness(
            "shared-a",
            10_000,
            "kafka.topics",
            "shared",
            "kafka.consumer.group.id",
            "g",
            "batchSize",
            "100")) {
      for (int i = 0; i < 5; i++) {
        a.source.process();
      }
      a.take(10_000)
          .forEach(
              e -> seen.merge(new String(e.getBody(), StandardCharsets.UTF_8), 1, Integer::sum));
      try (Harness b =
          new Harness(
              "shared-b",
              10_000,
              "kafka.topics",
              "shared",
              "kafka.consumer.group.id",
              "g",
              "batchSize",
              "100")) {
        // let b join and receive partitions while a keeps reading, then write the second half
        long joined = System.nanoTime() + 60_000_000_000L;
        while (attribute("shared-b", "RebalanceCount") == 0 && System.nanoTime() < joined) {
          a.source.process();
          b.source.process();
          for (Harness h : List.of(a, b)) {
            h.take(10_000)
                .forEach(
                    e ->
                        seen.merge(
                            new String(e.getBody(), StandardCharsets.UTF_8), 1, Integer::sum));
          }
        }
        produce("shared", 3000, 3000, false);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (seen.size() < 6000 && System.nanoTime() < deadline) {
          a.source.process();
          b.source.process();
          for (Harness h : List.of(a, b)) {
            h.take(10_000)
                .forEach(
                    e ->
                        seen.merge(
                            new String(e.getBody(), StandardCharsets.UTF_8), 1, Integer::sum));
          }
        }
        assertTrue(attribute("shared-b", "EventAcceptedCount") > 0, "b got partitions");
      }
      assertTrue(attribute("shared-a", "RebalanceCount") >= 2);
    }
    assertEquals(6000, seen.size(), "every record at least once");
    long duplicates = seen.values().stream().filter(n -> n > 1).count();
    System.out.println("rebalance: 6000 records, " + duplicates + " delivered twice");
  }

  @Test
  void aRestartedSourceResumesFromTheCommittedOffsets() throws Exception {
    kafka.broker().createTopic("resume", 1);
    produce("resume", 0, 1000, false);
    Set<String> bodies = new HashSet<>();
    try (Harness first =
        new Harness(
            "resume-1",
            10_000,
            "kafka.topics",
            "resume",
            "kafka.consumer.group.id",
            "r",
            "batchSize",
            "300")) {
      // one batch (the first polls may go to joining the group)
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (bodies.isEmpty() && System.nanoTime() < deadline) {
        first.source.process();
        first
            .take(10_000)
            .forEach(e -> bodies.add(new String(e.getBody(), StandardCharsets.UTF_8)));
      }
    }
    assertTrue(bodies.size() > 0 && bodies.size() < 1000, "stopped part way: " + bodies.size());
    try (Harness second =
        new Harness(
            "resume-2",
            10_000,
            "kafka.topics",
            "resume",
            "kafka.consumer.group.id",
            "r",
            "batchSize",
            "300")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      int total = bodies.size();
      while (bodies.size() < 1000 && System.nanoTime() < deadline) {
        second.source.process();
        for (Event e : second.take(10_000)) {
          total++;
          bodies.add(new String(e.getBody(), StandardCharsets.UTF_8));
        }
      }
      assertEquals(1000, bodies.size());
      assertEquals(1000, total, "nothing read twice: the first source committed what it delivered");
    }
  }

  @Test
  void flumeEventFormatValuesKeepTheirOwnHeadersAndEventTime() throws Exception {
    kafka.broker().createTopic("avro", 1);
    produce("avro", 0, 10, true);
    try (Harness h =
        new Harness("avro", 1000, "kafka.topics", "avro", "useFlumeEventFormat", "true")) {
      List<Event> events = new ArrayList<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (events.size() < 10 && System.nanoTime() < deadline) {
        h.source.process();
        events.addAll(h.take(100));
      }
      assertEquals(10, events.size());
      Event e = events.get(3);
      assertEquals("record 3", new String(e.getBody(), StandardCharsets.UTF_8));
      assertEquals("1795278600000", e.getHeaders().get("timestamp"), "the event's time wins");
      assertEquals("3", e.getHeaders().get("offset"));
      assertEquals(0L, attribute("avro", "DecodeFailureCount"));
    }
  }

  @Test
  void badConfigurationNamesEveryKey() {
    KafkaSource source = new KafkaSource();
    source.setName("k1");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                source.configure(
                    new Context(
                        Map.of(
                            "kafka.topics", "a",
                            "kafka.topics.regex", "(",
                            "batchSize", "0",
                            "kafka.consumer.enable.auto.commit", "true"))));
    assertEquals(
        "Invalid configuration for Kafka source k1 (5 problems):\n"
            + "  - kafka.bootstrap.servers: required, expected a comma-separated list\n"
            + "  - kafka.topics.regex = '(': expected a Java regular expression\n"
            + "  - batchSize = '0': expected an integer >= 1\n"
            + "  - kafka.topics, kafka.topics.regex: set one, found both\n"
            + "  - kafka.consumer.enable.auto.commit: set by the source itself; remove this key",
        e.getMessage());
  }
}
