package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.hbase.MiniHBase;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed pipeline end to end, as shipped: an access log tailed by {@code conf/collector.conf}
 * into Kafka, read by {@code conf/loader.conf} into HBase (and the same with {@code
 * conf/single-agent.conf}, and the file-channel versions under {@code conf/file-channel/}), in real
 * Flume 1.11 agents against a real broker and a real HBase. Every line reaches Kafka once, every
 * click is stored, and the counters per course and day are exactly the log's.
 */
class PipelineIT {
  static final int LINES = 6000;
  static final String[] TOPICS = PipelineRig.TOPICS;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = KafkaBrokerExtension.perJvm();
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  /**
   * Lines one a second, ending an hour and a half ago (Kafka 4 refuses record times more than an
   * hour ahead of its clock by default); every 97th is not an access-log line.
   */
  private static ClickLog clickLog(long seed) {
    return new ClickLog(seed, System.currentTimeMillis() - (LINES + 5400) * 1000L, 1_000_000, 97);
  }

  @Test
  void collectorAndLoaderAgentsCarryEveryLineIntoKafkaAndTheCountsIntoHBase() throws Exception {
    run("two", List.of("collector.conf", "loader.conf"), clickLog(7));
  }

  @Test
  void theSingleAgentVariantDoesTheSame() throws Exception {
    run("single", List.of("single-agent.conf"), clickLog(8));
  }

  @Test
  void theFileChannelVersionsDoTheSame() throws Exception {
    run("file", List.of("file-channel/collector.conf", "file-channel/loader.conf"), clickLog(9));
  }

  private void run(String name, List<String> confs, ClickLog clickLog) throws Exception {
    try (PipelineRig rig =
        new PipelineRig(flumeHome, dir.resolve(name), name, kafka.broker(), hbase, "access.log")) {
      rig.append(clickLog, 0, LINES / 2);
      List<FlumeAgent> agents = new ArrayList<>();
      for (String conf : confs) {
        agents.add(rig.start(conf, List.of()));
      }
      rig.append(clickLog, LINES / 2, LINES); // half of the log is written while agents run

      Map<String, Long> expected = clickLog.clicksPerCourseAndDay(LINES);
      long clicks = PipelineRig.sum(expected);
      Map<String, Long> counted = rig.counters(clicks, Duration.ofSeconds(180));
      for (FlumeAgent a : agents) {
        assertTrue(a.isAlive(), a.log());
      }
      assertEquals(expected, counted, "clicks per course and day");

      int unparsed = LINES / 97;
      int[] perTopic = {(int) clicks, LINES - (int) clicks - unparsed, unparsed};
      Set<String> inKafka = new HashSet<>();
      long records = 0;
      for (int t = 0; t < TOPICS.length; t++) {
        List<ConsumerRecord<byte[], byte[]>> got =
            kafka
                .broker()
                .readAll(
                    rig.topic(TOPICS[t]),
                    perTopic[t],
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(1),
                    "read_uncommitted");
        assertEquals(perTopic[t], got.size(), TOPICS[t]);
        records += got.size();
        got.forEach(r -> inKafka.add(new String(r.value(), StandardCharsets.UTF_8)));
        if (t == 0) {
          checkClickRecords(got, clickLog);
        }
      }
      assertEquals(LINES, records, "records in Kafka");
      for (int i = 0; i < LINES; i++) {
        assertTrue(inKafka.contains(clickLog.line(i)), "line " + i + " in Kafka");
      }
      assertEquals(clicks, rig.rows(), "one row per click in HBase");
      for (FlumeAgent a : agents) {
        assertFalse(a.log().contains(" ERROR "), a.log());
      }
      System.out.printf(
          "pipeline %s: %d lines, %d in Kafka, %d clicks stored, %d counters exact%n",
          name, LINES, records, clicks, expected.size());
    }
  }

  /**
   * A click's record is keyed by its client (one client, one partition), carries the line's own
   * time in its timestamp header (its record time is the send time, the line being older than
   * maxRecordTimeAgeMs), and the copied headers.
   */
  private static void checkClickRecords(
      List<ConsumerRecord<byte[], byte[]>> got, ClickLog clickLog) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < LINES; i++) {
      index.put(clickLog.line(i), i);
    }
    Map<String, Integer> partitionOfClient = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : got) {
      String line = new String(r.value(), StandardCharsets.UTF_8);
      int i = index.get(line);
      String client = line.substring(0, line.indexOf(' '));
      assertEquals(client, new String(r.key(), StandardCharsets.UTF_8));
      // the lines are over an hour old: retention must count from when they reached Kafka
      assertTrue(
          r.timestamp() > clickLog.timeOf(i) + 3_600_000L,
          "an old line's record time is its send time");
      assertEquals(
          Long.toString(clickLog.timeOf(i)),
          header(r, "timestamp"),
          "the line's own time travels in its header");
      assertEquals(Integer.toString(clickLog.courseOf(i)), header(r, "course"));
      assertEquals(client, header(r, "client"));
      Integer previous = partitionOfClient.put(client, r.partition());
      assertTrue(previous == null || previous == r.partition(), "one client, one partition");
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * {@code bin/flumekit-agent check --connect} against this test's broker and HBase: a
   * configuration whose brokers, topics, table and directories are right passes; each wrong one is
   * named; a broker that does not answer is said so.
   */
  @Test
  void checkConnectAsksTheBrokerHBaseAndTheDisk() throws Exception {
    StandaloneKit kit = StandaloneKit.unpack(Files.createDirectories(dir.resolve("check-connect")));
    kafka.broker().createTopic("connect-logs", 1);
    kafka.broker().createTopic("connect-dlq", 1);
    hbase.createTable("connect_clicks", "d");
    String brokers = kafka.broker().bootstrapServers();
    List<String> conf =
        new ArrayList<>(
            List.of(
                "a1.sources = tail",
                "a1.channels = kafka",
                "a1.sinks = out hb",
                "a1.sources.tail.type = dev.flumekit.source.TailSource",
                "a1.sources.tail.channels = kafka",
                "a1.sources.tail.filegroups = g",
                "a1.sources.tail.filegroups.g = " + dir.resolve("logs/*.log"),
                "a1.channels.kafka.type = dev.flumekit.kafka.KafkaChannel",
                "a1.channels.kafka.kafka.bootstrap.servers = " + brokers,
                "a1.channels.kafka.kafka.topic = connect-logs",
                "a1.sinks.out.type = dev.flumekit.kafka.KafkaSink",
                "a1.sinks.out.channel = kafka",
                "a1.sinks.out.kafka.bootstrap.servers = " + brokers,
                "a1.sinks.out.kafka.topic = connect-logs",
                "a1.sinks.out.deadLetter = topic:connect-dlq",
                "a1.sinks.hb.type = dev.flumekit.hbase.HBaseSink",
                "a1.sinks.hb.channel = kafka",
                "a1.sinks.hb.zookeeperQuorum = " + hbase.zookeeperQuorum(),
                "a1.sinks.hb.table = connect_clicks",
                "a1.sinks.hb.columnFamily = d"));
    Path good = dir.resolve("connect-good.conf");
    List<String> goodLines = new ArrayList<>(conf);
    goodLines.add("a1.sources.tail.positionFile = " + dir.resolve("state/tail.positions"));
    Files.write(good, goodLines, StandardCharsets.UTF_8);
    StandaloneKit.Run run = kit.run("check", "-n", "a1", "-f", good.toString(), "--connect");
    assertEquals(0, run.status(), run.out());

    Path bad = dir.resolve("connect-bad.conf");
    List<String> badLines = new ArrayList<>();
    for (String line : conf) {
      badLines.add(
          line.replace("kafka.topic = connect-logs", "kafka.topic = connect-missing")
              .replace(
                  "columnFamily = d", "columnFamily = d\na1.sinks.hb.counterColumnFamily = c"));
    }
    // a file where the positions file's directory should be
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    badLines.add("a1.sources.tail.positionFile = " + notADirectory.resolve("tail.positions"));
    Files.write(bad, badLines, StandardCharsets.UTF_8);
    run = kit.run("check", "-n", "a1", "-f", bad.toString(), "--connect");
    assertEquals(1, run.status(), run.out());
    String cluster = "Kafka at " + brokers;
    for (String expected :
        List.of(
            "a1: channel kafka: topic 'connect-missing' does not exist on " + cluster,
            "a1: sink out: topic 'connect-missing' does not exist on " + cluster,
            "a1: sink hb: table connect_clicks has no column family c (it has d)",
            "a1: source tail: positionFile directory "
                + notADirectory
                + ": "
                + notADirectory
                + " is not a directory")) {
      assertTrue(run.lines().contains(expected), expected + " in\n" + run.out());
    }

    // record times taken from events, on a topic that deletes them after an hour: a backlog of
    // old lines could be deleted before it is read
    kafka.broker().createTopic("connect-short", 1, Map.of("retention.ms", "3600000"));
    Path shortRetention =
        kafkaChannelOnly(
            "connect-retention.conf",
            brokers,
            "connect-short",
            "a1.channels.kafka.timestampHeader = timestamp");
    run = kit.run("check", "-n", "a1", "-f", shortRetention.toString(), "--connect");
    assertEquals(3, run.status(), run.out()); // the topic's setting: the environment's
    assertTrue(
        run.out()
            .contains(
                "a1: channel kafka: topic 'connect-short' on "
                    + cluster
                    + " deletes records retention.ms = 3600000 after their record time"),
        run.out());

    // nothing listens on the brokers' port once the broker is asked on another
    Path silent = kafkaChannelOnly("connect-silent.conf", "127.0.0.1:1", "connect-logs");
    run = kit.run("check", "-n", "a1", "-f", silent.toString(), "--connect");
    assertEquals(3, run.status(), run.out());
    assertTrue(
        run.out().contains("a1: channel kafka: Kafka at 127.0.0.1:1 does not answer within 15 s"),
        run.out());
  }

  /** An agent of one Kafka channel drained by a null sink, with {@code extra} lines. */
  private static Path kafkaChannelOnly(String file, String brokers, String topic, String... extra)
      throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a1.channels = kafka",
                "a1.sinks = none",
                "a1.sinks.none.type = null",
                "a1.sinks.none.channel = kafka",
                "a1.channels.kafka.type = dev.flumekit.kafka.KafkaChannel",
                "a1.channels.kafka.kafka.bootstrap.servers = " + brokers,
                "a1.channels.kafka.kafka.topic = " + topic));
    lines.addAll(List.of(extra));
    Path conf = dir.resolve(file);
    Files.write(conf, lines, StandardCharsets.UTF_8);
    return conf;
  }
}
