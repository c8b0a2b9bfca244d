package dev.flumekit.kafka.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.kafka.KafkaChannel;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The channel against a real KRaft broker, driven the way Flume's sources and sinks drive it. */
class KafkaChannelIT {
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  @TempDir Path temp;

  private static KafkaChannel channel(String name, String... keyValues) {
    Map<String, String> properties = new HashMap<>();
    properties.put("kafka.bootstrap.servers", kafka.broker().bootstrapServers());
    properties.put("pollTimeout", "200");
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    KafkaChannel channel = new KafkaChannel();
    channel.setName(name);
    channel.configure(new Context(properties));
    channel.start();
    return channel;
  }

  private static Event event(String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), h);
  }

  /** One put transaction, as a source's ChannelProcessor runs it. */
  private static void put(Channel channel, List<Event> events) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (Event e : events) {
        channel.put(e);
      }
      tx.commit();
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    } finally {
      tx.close();
    }
  }

  /** One take transaction of up to {@code max} events, committed or rolled back. */
  private static List<Event> take(Channel channel, int max, boolean commit) {
    List<Event> events = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (int i = 0; i < max; i++) {
        Event e = channel.take();
        if (e == null) {
          break;
        }
        events.add(e);
      }
      if (commit) {
        tx.commit();
      } else {
        tx.rollback();
      }
    } finally {
      tx.close();
    }
    return events;
  }

  /** Takes, committing, until {@code count} events came or 60 s passed. */
  private static List<Event> takeAll(Channel channel, int count) {
    List<Event> all = new ArrayList<>();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (all.size() < count && System.nanoTime() < deadline) {
      all.addAll(take(channel, 500, true));
    }
    return all;
  }

  private static String body(Event e) {
    return new String(e.getBody(), StandardCharsets.UTF_8);
  }

  private static List<Event> events(String prefix, int count) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(prefix + i, "key", "k" + (i % 7), "course", "c" + (i % 3)));
    }
    return events;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    try (Admin admin = kafka.broker().admin()) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  private static Object attribute(String channel, String name) throws Exception {
    return ManagementFactory.getPlatformMBeanServer()
        .getAttribute(new ObjectName("org.apache.flume.channel:type=" + channel), name);
  }

  @Test
  void aPutCommitsOnceKafkaHasEveryEventAndATakeCommitsExactlyWhatItTook() throws Exception {
    kafka.broker().createTopic("ch-basic", 2);
    KafkaChannel channel =
        channel("basic", "kafka.topic", "ch-basic", "kafka.consumer.group.id", "g-basic");
    try {
      put(channel, events("line-", 300));
      // the commit returned: Kafka holds all of them already
      assertEquals(300, kafka.broker().endOffsetSum("ch-basic"));

      List<Event> first = takeAll(channel, 120);
      assertTrue(first.size() >= 120);
      Event sample = first.get(0);
      assertEquals("ch-basic", sample.getHeaders().get("topic"));
      assertTrue(sample.getHeaders().containsKey("partition"));
      assertTrue(sample.getHeaders().containsKey("offset"));
      assertTrue(sample.getHeaders().containsKey("timestamp"));
      assertTrue(sample.getHeaders().get("key").startsWith("k"));
      assertTrue(sample.getHeaders().get("course").startsWith("c"), "headers travel in Avro");
      long committed =
          committed("g-basic").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      assertEquals(first.size(), committed, "offsets of exactly the events taken");

      List<Event> rest = takeAll(channel, 300 - first.size());
      Set<String> bodies = new HashSet<>();
      first.forEach(e -> bodies.add(body(e)));
      rest.forEach(e -> bodies.add(body(e)));
      assertEquals(300, bodies.size());
      assertEquals(300, first.size() + rest.size(), "nothing taken twice");
      assertTrue(take(channel, 10, true).isEmpty());
      assertEquals(300L, attribute("basic", "EventPutSuccessCount"));
      assertEquals(300L, attribute("basic", "EventTakeSuccessCount"));
    } finally {
      channel.stop();
    }
  }

  @Test
  void aRolledBackTakeReturnsTheSameEventsInOrderToTheNextTake() throws Exception {
    kafka.broker().createTopic("ch-rollback", 1);
    KafkaChannel channel =
        channel("rollback", "kafka.topic", "ch-rollback", "kafka.consumer.group.id", "g-rb");
    try {
      put(channel, events("e", 50));
      List<Event> rolledBack = new ArrayList<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (rolledBack.isEmpty() && System.nanoTime() < deadline) {
        rolledBack = take(channel, 20, false);
      }
      assertEquals(20, rolledBack.size());
      assertTrue(committed("g-rb").isEmpty(), "a rollback commits nothing");
      List<Event> again = take(channel, 20, true);
      assertEquals(
          rolledBack.stream().map(KafkaChannelIT::body).toList(),
          again.stream().map(KafkaChannelIT::body).toList());
      assertEquals("e0", body(again.get(0)));
      assertEquals(20L, committed("g-rb").get(new TopicPartition("ch-rollback", 0)).offset());
    } finally {
      channel.stop();
    }
  }

  @Test
  void aPlainValueChannelWritesBodiesAndHeadersAsKafkaRecordHeaders() throws Exception {
    kafka.broker().createTopic("ch-plain", 1);
    KafkaChannel channel =
        channel(
            "plain",
            "kafka.topic",
            "ch-plain",
            "parseAsFlumeEvent",
            "false",
            "copyHeaders",
            "course",
            "timestampHeader",
            "timestamp",
            "kafka.consumer.group.id",
            "g-plain");
    try {
      long time = System.currentTimeMillis() - 60_000;
      put(channel, List.of(event("hello", "course", "130", "key", "u1", "timestamp", "" + time)));
      ConsumerRecord<byte[], byte[]> record = kafka.broker().readAll("ch-plain", 1).get(0);
      assertEquals("hello", new String(record.value(), StandardCharsets.UTF_8));
      assertEquals("u1", new String(record.key(), StandardCharsets.UTF_8));
      assertEquals(time, record.timestamp());
      assertEquals(
          "130", new String(record.headers().lastHeader("course").value(), StandardCharsets.UTF_8));

      Event taken = takeAll(channel, 1).get(0);
      assertEquals("hello", body(taken));
      assertEquals("130", taken.getHeaders().get("course"));
      assertEquals(Long.toString(time), taken.getHeaders().get("timestamp"));
    } finally {
      channel.stop();
    }
  }

  @Test
  void aPoisonEventIsADeadLetterAndTheRestOfThePutIsWritten() throws Exception {
    kafka.broker().createTopic("ch-poison", 1);
    Path dead = temp.resolve("dead");
    KafkaChannel channel =
        channel(
            "poison",
            "kafka.topic",
            "ch-poison",
            "kafka.producer.max.request.size",
            "2000",
            "partitionIdHeader",
            "p",
            "deadLetter",
            "file:" + dead);
    try {
      List<Event> batch = new ArrayList<>(events("ok-", 10));
      batch.add(3, event("x".repeat(5000)));
      batch.add(6, event("bad partition", "p", "7"));
      put(channel, batch); // commits: the poison does not make the source retry for ever
      assertEquals(10, kafka.broker().endOffsetSum("ch-poison"));
      assertEquals(2L, attribute("poison", "DeadLetterCount"));
      List<String> lines;
      try (Stream<Path> files = Files.list(dead)) {
        lines = new ArrayList<>();
        for (Path f : files.toList()) {
          lines.addAll(Files.readAllLines(f));
        }
      }
      assertEquals(2, lines.size());
      assertTrue(lines.stream().anyMatch(l -> l.contains("RecordTooLarge")), lines::toString);
    } finally {
      channel.stop();
    }
  }

  @Test
  void transactionalPutsFromTwoThreadsAreTakenOnceAlthoughATryWasAborted() throws Exception {
    kafka.broker().createTopic("ch-tx", 2);
    Path dead = temp.resolve("dead-tx");
    KafkaChannel channel =
        channel(
            "tx",
            "kafka.topic",
            "ch-tx",
            "kafka.consumer.group.id",
            "g-tx",
            "transactional",
            "true",
            "transactionalId",
            "channel-it-tx",
            "partitionIdHeader",
            "p",
            "timestampHeader",
            "ts",
            "deadLetter",
            "file:" + dead);
    try {
      String now = Long.toString(System.currentTimeMillis());
      List<Event> first = new ArrayList<>();
      List<Event> second = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        first.add(event("a" + i, "p", Integer.toString(i % 2), "ts", now));
        second.add(event("b" + i, "p", Integer.toString(i % 2), "ts", now));
      }
      // the broker refuses a time 3 h ahead: the first try's transaction, whose partition-0 records
      // are already in the log, is aborted, and the batch is written again without it
      String future = Long.toString(System.currentTimeMillis() + 3 * 3_600_000L);
      first.add(1500, event("future", "p", "1", "ts", future));
      Thread other = new Thread(() -> put(channel, second));
      other.start();
      put(channel, first);
      other.join(60_000);
      assertTrue(kafka.broker().endOffsetSum("ch-tx") > 4000, "the aborted try is in the log");

      List<Event> taken = takeAll(channel, 4000);
      assertTrue(take(channel, 100, true).isEmpty(), "nothing more: aborted records are skipped");
      Set<String> bodies = new HashSet<>();
      taken.forEach(e -> bodies.add(body(e)));
      assertEquals(4000, taken.size(), "each record once");
      assertEquals(4000, bodies.size());
      assertFalse(bodies.contains("future"));
      assertEquals(1L, attribute("tx", "DeadLetterCount"));
      // the group's offsets reach the end, past the transaction markers: no lag is left over
      long end = kafka.broker().endOffsetSum("ch-tx");
      long deadline = System.nanoTime() + 30_000_000_000L;
      long committedSum = 0;
      while (committedSum < end && System.nanoTime() < deadline) {
        take(channel, 100, true);
        committedSum =
            committed("g-tx").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      }
      assertEquals(end, committedSum, "committed offsets at the end offsets");
    } finally {
      channel.stop();
    }
  }

  @Test
  void aValueThatIsNotAFlumeEventIsADeadLetterAndTheTakeGoesOn() throws Exception {
    kafka.broker().createTopic("ch-foreign", 1);
    Path dead = temp.resolve("foreign-dead");
    KafkaChannel writer =
        channel("foreign-writer", "kafka.topic", "ch-foreign", "parseAsFlumeEvent", "false");
    KafkaChannel channel =
        channel(
            "foreign",
            "kafka.topic",
            "ch-foreign",
            "kafka.consumer.group.id",
            "g-foreign",
            "deadLetter",
            "file:" + dead);
    try {
      put(writer, List.of(event("\u0001\u00ff\u00ff\u00ff\u00ff\u000f not avro")));
      put(channel, events("avro-", 3));
      List<Event> taken = takeAll(channel, 3);
      assertEquals(
          List.of("avro-0", "avro-1", "avro-2"), taken.stream().map(KafkaChannelIT::body).toList());
      assertEquals(1L, attribute("foreign", "DecodeFailureCount"));
      assertEquals(4L, committed("g-foreign").get(new TopicPartition("ch-foreign", 0)).offset());
    } finally {
      writer.stop();
      channel.stop();
    }
  }

  @Test
  void channelSizeIsTheGroupsLag() throws Exception {
    kafka.broker().createTopic("ch-lag", 2);
    KafkaChannel channel =
        channel(
            "lag", "kafka.topic", "ch-lag", "kafka.consumer.group.id", "g-lag", "capacity", "1000");
    try {
      put(channel, events("l", 400));
      takeAll(channel, 100);
      long deadline = System.nanoTime() + 30_000_000_000L;
      long size = -1;
      while (System.nanoTime() < deadline) {
        size = (Long) attribute("lag", "ChannelSize");
        long committed =
            committed("g-lag").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        // measured at least once: before its first measurement the size is 0, which is also
        // 400 - committed once every event is taken
        boolean measured = ((String) attribute("lag", "PartitionLag")).contains("ch-lag-0=");
        if (size == 400 - committed && committed > 0 && measured) {
          break;
        }
        Thread.sleep(500);
      }
      long committed =
          committed("g-lag").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      assertEquals(400 - committed, size);
      assertTrue(((String) attribute("lag", "PartitionLag")).contains("ch-lag-0="));
      assertEquals(size / 10.0, (Double) attribute("lag", "ChannelFillPercentage"), 0.001);
    } finally {
      channel.stop();
    }
  }

  @Test
  void twoChannelsOfOneGroupShareTheTopicAndARebalanceLosesNothing() throws Exception {
    kafka.broker().createTopic("ch-group", 4);
    KafkaChannel a =
        channel(
            "group-a",
            "kafka.topic",
            "ch-group",
            "kafka.consumer.group.id",
            "g-2",
            "partitionIdHeader",
            "p");
    KafkaChannel b =
        channel("group-b", "kafka.topic", "ch-group", "kafka.consumer.group.id", "g-2");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    AtomicBoolean bTakes = new AtomicBoolean(true);
    List<String> takenByA = Collections.synchronizedList(new ArrayList<>());
    List<String> takenByB = Collections.synchronizedList(new ArrayList<>());
    try {
      Future<?> consumerB =
          threads.submit(
              () -> {
                while (bTakes.get()) {
                  take(b, 100, true).forEach(e -> takenByB.add(body(e)));
                }
                b.stop(); // leaves the group: its partitions move to a
              });
      Future<?> consumerA =
          threads.submit(
              () -> {
                long deadline = System.nanoTime() + 90_000_000_000L;
                while (System.nanoTime() < deadline) {
                  take(a, 100, true).forEach(e -> takenByA.add(body(e)));
                  // b leaves once it has taken a share and a good part of the events are taken
                  if (takenByB.size() >= 200 && takenByA.size() + takenByB.size() > 1500) {
                    bTakes.set(false);
                  }
                  Set<String> distinct = new HashSet<>(takenByA);
                  synchronized (takenByB) {
                    distinct.addAll(takenByB);
                  }
                  if (distinct.size() >= 4000 && !bTakes.get()) {
                    return;
                  }
                }
              });
      // both members hold partitions before anything is put: each then takes its share
      awaitMembersWithPartitions("g-2", 2);
      for (int round = 0; round < 40; round++) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          batch.add(event("r" + round + "-" + i, "p", Integer.toString(i % 4)));
        }
        put(a, batch);
      }
      consumerA.get(120, TimeUnit.SECONDS);
      consumerB.get(30, TimeUnit.SECONDS);
      Set<String> distinct = new HashSet<>(takenByA);
      distinct.addAll(takenByB);
      assertEquals(4000, distinct.size(), "every event taken");
      assertTrue(takenByB.size() > 0 && takenByA.size() > 0, "both members took a share");
      int repeats = takenByA.size() + takenByB.size() - 4000;
      assertTrue(repeats <= 100 * 4, "repeats at most the takes not committed: " + repeats);
    } finally {
      bTakes.set(false);
      threads.shutdownNow();
      a.stop();
    }
  }

  /** Waits until the group has {@code members} members, each assigned a partition. */
  private static void awaitMembersWithPartitions(String group, int members) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Admin admin = kafka.broker().admin()) {
      while (System.nanoTime() < deadline) {
        var description =
            admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        long assigned =
            description.members().stream()
                .filter(m -> !m.assignment().topicPartitions().isEmpty())
                .count();
        if (assigned >= members) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("group " + group + " never had " + members + " members assigned");
  }

  @Test
  void severalThreadsTakingFromOneChannelTakeEveryEventOnceAndCommitTheEnd() throws Exception {
    kafka.broker().createTopic("ch-threads", 3);
    KafkaChannel channel =
        channel("threads", "kafka.topic", "ch-threads", "kafka.consumer.group.id", "g-threads");
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 10; round++) {
        put(channel, events("t" + round + "-", 300));
      }
      List<Future<List<String>>> takers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int seed = t;
        takers.add(
            threads.submit(
                () -> {
                  List<String> mine = new ArrayList<>();
                  java.util.Random random = new java.util.Random(seed);
                  long deadline = System.nanoTime() + 60_000_000_000L;
                  int empty = 0;
                  while (empty < 10 && System.nanoTime() < deadline) {
                    // as a pipelined sink does: batches in flight on several threads, some rolled
                    // back (their events come again)
                    boolean commit = random.nextInt(5) > 0;
                    List<Event> batch = take(channel, 100, commit);
                    empty = batch.isEmpty() ? empty + 1 : 0;
                    if (commit) {
                      batch.forEach(e -> mine.add(body(e)));
                    }
                  }
                  return mine;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> taker : takers) {
        all.addAll(taker.get());
      }
      assertEquals(3000, new HashSet<>(all).size(), "every event taken");
      assertEquals(3000, all.size(), "none taken twice");
      long committed =
          committed("g-threads").values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      assertEquals(3000, committed, "the group's offsets are at the end");
    } finally {
      threads.shutdownNow();
      channel.stop();
    }
  }
}
