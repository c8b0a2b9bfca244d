package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.nio.charset.StandardCharsets;
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
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = new MiniHBase();

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
   * time as its timestamp, and the copied headers.
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
      assertEquals(clickLog.timeOf(i), r.timestamp(), "record time is the line's own time");
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
}
