package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated Kafka cluster (three KRaft nodes in their own JVMs, topics with replication factor 3
 * and min.insync.replicas 2) under a real agent whose Kafka source, Kafka channel and Kafka sink
 * all use it: records flow topic → source → channel → sink → topic while nodes are killed with kill
 * -9. Nothing may be lost, the agent recovers without a manual step, and it stops promptly on TERM
 * afterwards.
 */
// serial: it asserts how fast an agent stops, which a class running beside it would stretch
@Tag("serial")
@Tag("slow")
class ClusterFaultsIT {
  private static final int RECORDS = 20_000;

  @TempDir static Path dir;
  static Path flumeHome;
  static KafkaCluster cluster;
  static final List<String> table = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    flumeHome = TarballHome.install(dir);
    cluster = KafkaCluster.start(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopAndPrint() {
    if (cluster != null) {
      cluster.close();
    }
    System.out.println(
        "| Fault (3-node cluster, RF 3, min.insync 2) | Records written | Delivered | Lost |"
            + " Repeated | Time to recover | Agent stop after TERM |");
    System.out.println("|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  /** What a test does to the cluster while records flow; returns when the cluster is whole. */
  @FunctionalInterface
  private interface Fault {
    /**
     * @return nanoTime at which the fault began
     */
    long inject() throws Exception;
  }

  @Test
  void thePartitionLeaderKilledLosesNothing() throws Exception {
    run(
        "leader",
        "the leader of most partitions killed with kill -9, back after 10 s",
        () -> {
          int leader = busiestLeader("leader-channel", "leader-out");
          long at = System.nanoTime();
          cluster.kill(leader);
          Thread.sleep(10_000);
          cluster.startNode(leader);
          cluster.awaitNodes(KafkaCluster.SIZE, Duration.ofSeconds(90));
          return at;
        });
  }

  @Test
  void twoOfThreeNodesDownHoldsEveryRecordUntilOneReturns() throws Exception {
    run(
        "two-down",
        "two of three nodes killed with kill -9 for 20 s, then back one after the other",
        () -> {
          long at = System.nanoTime();
          cluster.kill(2);
          cluster.kill(3);
          Thread.sleep(20_000);
          cluster.startNode(2);
          cluster.awaitNodes(2, Duration.ofSeconds(90));
          cluster.startNode(3);
          cluster.awaitNodes(KafkaCluster.SIZE, Duration.ofSeconds(90));
          return at;
        });
  }

  private static void run(String name, String fault, Fault injection) throws Exception {
    for (String topic : List.of("in", "channel", "out")) {
      cluster.createTopic(name + "-" + topic, 3);
    }
    FlumeAgent agent = startAgent(name);
    OutputWatch out = new OutputWatch(name + "-out");
    Thread producer = new Thread(() -> produce(name + "-in"), "producer-" + name);
    producer.start();
    Thread.sleep(4000);
    long faultAt = injection.inject();
    producer.join();
    Set<String> delivered = new HashSet<>();
    long total = awaitAll(name + "-out", delivered, Duration.ofSeconds(240));
    long recovered = out.firstGrowthAfter(faultAt);
    long stopStarted = System.nanoTime();
    assertTrue(agent.isAlive(), agent.log());
    agent.stop(Duration.ofSeconds(60));
    double stopSeconds = (System.nanoTime() - stopStarted) / 1e9;
    out.close();
    long lost = RECORDS - delivered.size();
    table.add(
        String.format(
            Locale.ROOT,
            "| %s | %,d | %,d | %d | %,d | %s | %.1f s |",
            fault,
            RECORDS,
            delivered.size(),
            lost,
            total - delivered.size(),
            recovered < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", recovered / 1e9),
            stopSeconds));
    assertEquals(0, lost, fault + ": records lost\n" + agent.log());
    assertTrue(stopSeconds < 10, fault + ": the agent took " + stopSeconds + " s to stop");
  }

  /** The node that leads the most partitions of the topics. */
  private static int busiestLeader(String... topics) {
    Map<Integer, Integer> led = new HashMap<>();
    for (String topic : topics) {
      cluster.leaders(topic).values().forEach(id -> led.merge(id, 1, Integer::sum));
    }
    return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static FlumeAgent startAgent(String name) throws Exception {
    String servers = cluster.bootstrapServers();
    String conf =
        String.join(
            "\n",
            "a1.sources = in",
            "a1.channels = kc",
            "a1.sinks = out",
            "a1.sources.in.type = dev.flumekit.kafka.KafkaSource",
            "a1.sources.in.channels = kc",
            "a1.sources.in.kafka.bootstrap.servers = " + servers,
            "a1.sources.in.kafka.topics = " + name + "-in",
            "a1.sources.in.kafka.consumer.group.id = " + name + "-source",
            "a1.sources.in.batchSize = 1000",
            "a1.channels.kc.type = dev.flumekit.kafka.KafkaChannel",
            "a1.channels.kc.kafka.bootstrap.servers = " + servers,
            "a1.channels.kc.kafka.topic = " + name + "-channel",
            "a1.channels.kc.kafka.consumer.group.id = " + name + "-channel",
            "a1.channels.kc.parseAsFlumeEvent = false",
            "a1.channels.kc.deadLetter = file:" + dir.resolve(name + "-dead-letters"),
            "a1.sinks.out.type = dev.flumekit.kafka.KafkaSink",
            "a1.sinks.out.channel = kc",
            "a1.sinks.out.kafka.bootstrap.servers = " + servers,
            "a1.sinks.out.kafka.topic = " + name + "-out",
            "a1.sinks.out.flumeBatchSize = 1000",
            "a1.sinks.out.deadLetter = file:" + dir.resolve(name + "-dead-letters"),
            "");
    Path confDir = dir.resolve("conf-" + name);
    Path confFile = FlumeAgent.writeConfig(confDir, conf, FlumeAgent.CLIENTS_AT_WARN);
    return FlumeAgent.start(
        flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/" + name + ".log"));
  }

  /** {@link #RECORDS} records at about 2,000 a second, each acknowledged by the cluster. */
  private static void produce(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", cluster.bootstrapServers());
    p.put("acks", "all");
    p.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        sent.add(
            producer.send(
                new ProducerRecord<>(topic, ("record " + i).getBytes(StandardCharsets.UTF_8))));
        if (i % 200 == 199) {
          Thread.sleep(100);
        }
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("the test's producer failed", e);
    }
  }

  /**
   * Reads the topic until it holds every record written, or the timeout: the distinct values into
   * {@code distinct}; returns the number of records read.
   */
  private static long awaitAll(String topic, Set<String> distinct, Duration timeout) {
    long total = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer("read_committed")) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      long settleUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settleUntil)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          distinct.add(new String(r.value(), StandardCharsets.UTF_8));
          total++;
        }
        if (distinct.size() >= RECORDS && settleUntil == Long.MAX_VALUE) {
          settleUntil = System.nanoTime() + 2_000_000_000L;
        }
      }
    }
    return total;
  }

  /** The output topic's end offsets, sampled every 200 ms, to see when delivery resumed. */
  private static final class OutputWatch implements AutoCloseable {
    private final List<long[]> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    OutputWatch(String topic) {
      sampler =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer("read_committed")) {
                  List<TopicPartition> partitions = new ArrayList<>();
                  for (int p = 0; p < 3; p++) {
                    partitions.add(new TopicPartition(topic, p));
                  }
                  while (running) {
                    try {
                      long sum =
                          consumer.endOffsets(partitions, Duration.ofSeconds(2)).values().stream()
                              .mapToLong(Long::longValue)
                              .sum();
                      synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), sum});
                      }
                    } catch (RuntimeException e) {
                      // the cluster is away: no sample
                    }
                    Thread.sleep(200);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "output-watch-" + topic);
      sampler.start();
    }

    /**
     * Nanoseconds from {@code faultAt} until the output grew again after its last sample before the
     * fault stopped growing: how long delivery stood still. -1 if it never stood still.
     */
    long firstGrowthAfter(long faultAt) {
      List<long[]> copy;
      synchronized (samples) {
        copy = new ArrayList<>(samples);
      }
      long before = -1;
      for (long[] s : copy) {
        if (s[0] <= faultAt) {
          before = s[1];
        }
      }
      long last = before;
      long stalledSince = -1;
      for (long[] s : copy) {
        if (s[0] <= faultAt) {
          continue;
        }
        if (s[1] == last && stalledSince < 0) {
          stalledSince = s[0];
        } else if (s[1] > last && stalledSince >= 0) {
          return s[0] - faultAt;
        }
        last = s[1];
      }
      return stalledSince < 0 ? 0 : -1;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      sampler.join();
    }
  }
}
