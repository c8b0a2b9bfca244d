package dev.flumekit.kafka.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.SourceHarness;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.Event;
import org.apache.flume.PollableSource.Status;
import org.apache.flume.source.avro.AvroFlumeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source's batching and offset handling over Kafka's own MockConsumer: what reaches the
 * channel, what is committed and when, without a broker.
 */
class KafkaSourceTest {
  private static final TopicPartition P0 = new TopicPartition("clicks", 0);
  private static final TopicPartition P1 = new TopicPartition("clicks", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final Map<String, Object> consumerProperties = new HashMap<>();

  private SourceHarness<IsolatedKafkaSource> harness(int channelCapacity, String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "127.0.0.1:1");
    p.put("kafka.topics", "clicks");
    p.put("kafka.consumer.group.id", "loader");
    p.put("batchDurationMillis", "50");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    IsolatedKafkaSource source =
        new IsolatedKafkaSource(
            properties -> {
              consumerProperties.putAll(properties);
              return consumer;
            });
    SourceHarness<IsolatedKafkaSource> h =
        new SourceHarness<>(source, "src-" + System.nanoTime(), channelCapacity, p);
    consumer.rebalance(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    return h;
  }

  private void produce(TopicPartition p, int from, int count) {
    for (int i = from; i < from + count; i++) {
      consumer.addRecord(
          new ConsumerRecord<>(
              p.topic(),
              p.partition(),
              i,
              ("k" + i).getBytes(StandardCharsets.UTF_8),
              (p.partition() + "-" + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static List<String> bodies(List<Event> events) {
    List<String> bodies = new ArrayList<>();
    events.forEach(e -> bodies.add(new String(e.getBody(), StandardCharsets.UTF_8)));
    return bodies;
  }

  private static List<String> inPartition(List<String> bodies, String prefix) {
    return bodies.stream().filter(b -> b.startsWith(prefix)).toList();
  }

  @Test
  void commitsABatchOnlyAfterTheChannelHasIt() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(100, "batchSize", "10")) {
      assertEquals("false", String.valueOf(consumerProperties.get("enable.auto.commit")));
      assertEquals("loader", consumerProperties.get("group.id"));
      produce(P0, 0, 6);
      produce(P1, 0, 4);
      assertEquals(Status.READY, h.process());
      List<Event> events = h.takeAll();
      assertEquals(10, events.size());
      List<String> bodies = bodies(events);
      assertEquals(List.of("0-0", "0-1", "0-2", "0-3", "0-4", "0-5"), inPartition(bodies, "0-"));
      assertEquals(List.of("1-0", "1-1", "1-2", "1-3"), inPartition(bodies, "1-"));
      Event first = events.get(bodies.indexOf("0-0"));
      assertEquals("k0", first.getHeaders().get("key"));
      assertEquals("clicks", first.getHeaders().get("topic"));
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(P0, P1));
      assertEquals(6L, committed.get(P0).offset());
      assertEquals(4L, committed.get(P1).offset());
      assertEquals(Status.BACKOFF, h.process(), "nothing more to read");
    }
  }

  @Test
  void aFullChannelRewindsToTheRefusedBatchAndCommitsNothingOfIt() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(6, "batchSize", "4")) {
      produce(P0, 0, 8);
      assertEquals(Status.READY, h.process());
      assertEquals(Status.BACKOFF, h.process(), "the second batch of 4 does not fit in 6");
      assertEquals(4L, consumer.position(P0), "rewound to the refused batch's first record");
      assertEquals(4L, consumer.committed(Set.of(P0)).get(P0).offset());
      List<String> read = new ArrayList<>(bodies(h.takeAll()));
      // MockConsumer hands a record out once; a broker serves the rewound offsets again
      produce(P0, 4, 4);
      assertEquals(Status.READY, h.process());
      read.addAll(bodies(h.takeAll()));
      assertEquals(List.of("0-0", "0-1", "0-2", "0-3", "0-4", "0-5", "0-6", "0-7"), read);
      assertEquals(8L, consumer.committed(Set.of(P0)).get(P0).offset());
    }
  }

  @Test
  void carriesRecordsBeyondTheBatchToTheNextOne() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(100, "batchSize", "4")) {
      produce(P0, 0, 10);
      List<String> read = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        assertEquals(Status.READY, h.process());
        List<Event> batch = h.takeAll();
        assertTrue(batch.size() <= 4, batch.size() + " events in a batch of 4");
        read.addAll(bodies(batch));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        expected.add("0-" + i);
      }
      assertEquals(expected, read);
      assertEquals(10L, consumer.committed(Set.of(P0)).get(P0).offset());
    }
  }

  @Test
  void aMalformedFlumeEventIsADeadLetterAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h =
        harness(
            100,
            "batchSize",
            "10",
            "useFlumeEventFormat",
            "true",
            "deadLetter",
            "file:" + dir.resolve("dlq"))) {
      ByteArrayOutputStream good = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(good, null);
      new SpecificDatumWriter<>(AvroFlumeEvent.class)
          .write(
              new AvroFlumeEvent(
                  Map.of("course", "130"),
                  ByteBuffer.wrap("click".getBytes(StandardCharsets.UTF_8))),
              encoder);
      encoder.flush();
      // an empty header map, then a body length of about 2^62: Avro 1.11.0 would try to allocate it
      byte[] hostile = {
        0,
        (byte) 0xfe,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        0x7f,
        1,
        2,
        3
      };
      consumer.addRecord(new ConsumerRecord<>("clicks", 0, 0, null, hostile));
      consumer.addRecord(new ConsumerRecord<>("clicks", 0, 1, null, good.toByteArray()));
      assertEquals(Status.READY, h.process());
      List<Event> events = h.takeAll();
      assertEquals(List.of("click"), bodies(events));
      assertEquals("130", events.get(0).getHeaders().get("course"));
      assertEquals(2L, consumer.committed(Set.of(P0)).get(P0).offset());
      List<String> letters;
      try (Stream<Path> files = Files.list(dir.resolve("dlq"))) {
        letters = Files.readAllLines(files.findFirst().orElseThrow());
      }
      assertEquals(1, letters.size());
      assertTrue(letters.get(0).contains("\"error\":\"MalformedFlumeEvent\""), letters.get(0));
      assertTrue(letters.get(0).contains("beyond the 3 bytes left"), letters.get(0));
    }
  }

  @Test
  void lagIsTheEndOffsetLessWhatWasRead() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(100, "batchSize", "10")) {
      produce(P0, 0, 6);
      consumer.updateEndOffsets(Map.of(P0, 100L, P1, 0L));
      assertEquals(Status.READY, h.process());
      assertEquals(94L, lagMax(h.source().getName()), "100 written, 6 read");
    }
  }

  @Test
  void lagIsZeroOnceEverythingIsRead() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(100, "batchSize", "10")) {
      produce(P1, 0, 4);
      consumer.updateEndOffsets(Map.of(P0, 0L, P1, 4L));
      assertEquals(Status.READY, h.process());
      assertEquals(0L, lagMax(h.source().getName()), "whatever the client's window says");
    }
  }

  @Test
  void aRefusedBatchIsReadAgainOnceAndNothingCarriedPastItIsCommitted() throws Exception {
    try (SourceHarness<IsolatedKafkaSource> h = harness(5, "batchSize", "4")) {
      produce(P0, 0, 10);
      assertEquals(Status.READY, h.process()); // 0-3 in the channel, 4-9 carried
      assertEquals(Status.BACKOFF, h.process(), "4 + 4 do not fit in 5");
      assertEquals(4L, consumer.position(P0), "back to the refused batch's first record");
      assertEquals(4L, consumer.committed(Set.of(P0)).get(P0).offset(), "none of it committed");
      assertEquals(List.of("0-0", "0-1", "0-2", "0-3"), bodies(h.takeAll()));
      // MockConsumer hands a record out once; a broker serves the rewound offsets again
      produce(P0, 4, 4);
      assertEquals(Status.READY, h.process());
      assertEquals(
          List.of("0-4", "0-5", "0-6", "0-7"),
          bodies(h.takeAll()),
          "the refused batch once, none of the records carried past it");
      assertEquals(8L, consumer.committed(Set.of(P0)).get(P0).offset());
    }
  }

  private static long lagMax(String source) throws Exception {
    return ((Number)
            java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .getAttribute(
                    new javax.management.ObjectName("org.apache.flume.source:type=" + source),
                    "RecordsLagMax"))
        .longValue();
  }
}
