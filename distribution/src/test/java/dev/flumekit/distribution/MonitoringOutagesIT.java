package dev.flumekit.distribution;

import static dev.flumekit.distribution.PrometheusMonitoringIT.PROMETHEUS;
import static dev.flumekit.distribution.PrometheusMonitoringIT.awaitHealth;
import static dev.flumekit.distribution.PrometheusMonitoringIT.awaitMetrics;
import static dev.flumekit.distribution.PrometheusMonitoringIT.get;
import static dev.flumekit.distribution.PrometheusMonitoringIT.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shipped file-channel collector's monitoring shows while Kafka is down (real agents of
 * the tarball, a real broker stopped and started again): /health fails naming the stalled sink and
 * the cause within the delivery timeout (10 s here), the tail source's unread bytes stay current
 * while the file channel absorbs the lines, health recovers once Kafka is back, and no line is
 * lost. The Kafka sink of the file-channel collector also reports the lag of the groups reading
 * what it writes. The Kafka channel collector's outage, with a real Prometheus and the shipped
 * alerts, is {@link OutageMonitoringIT}'s.
 */
@Tag("slow")
class MonitoringOutagesIT {
  static final String TIMEOUT = "-Dflume.monitoring.health.deliveryTimeoutSeconds=10";
  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void kafkaDownUnderTheFileChannelCollectorFailsHealthNamingTheSinkAndLosesNothing()
      throws Exception {
    run(
        "fc",
        "file-channel/collector.conf",
        "sink kafka has (waited \\d+ s for Kafka to acknowledge a batch|delivered nothing for \\d+ s"
            + " while channel buffer holds \\d+ events)");
  }

  private static void run(String name, String conf, String stalled) throws Exception {
    ClickLog clickLog = new ClickLog(47, System.currentTimeMillis(), 2_000, 0);
    try (PipelineRig rig =
        new PipelineRig(
            flumeHome, dir.resolve(name), name, kafka.broker(), null, "access.log", 3)) {
      // a stopped consumer group that has read nothing of course-clicks yet: its lag is the topic
      String topic = rig.topic("course-clicks");
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      for (int p = 0; p < 3; p++) {
        start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
      }
      try (Admin admin = kafka.broker().admin()) {
        // the group the shipped collector names in lagGroups: the loader's, not running here
        admin.alterConsumerGroupOffsets("loader", start).all().get();
      }
      FlumeAgent collector = rig.start(conf, List.of(PROMETHEUS, TIMEOUT));
      collector.awaitLog("with positions in", Duration.ofSeconds(60));
      int port = rig.metrics("collector").port();
      rig.append(clickLog, 0, 2_000);
      awaitMetrics(
          port,
          t ->
              sample(t, "flume_source_event_accepted_total", "component=\"tail\"").orElse(0)
                  >= 2_000,
          "2,000 lines accepted");
      awaitHealth(port, 200);
      long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(2_000));
      String group = "group=\"loader\"";
      String kind = conf.startsWith("file-channel") ? "sink" : "channel";
      String lagged =
          awaitMetrics(
              port,
              t -> PrometheusText.sum(t, "flume_" + kind + "_group_lag", group) >= clicks,
              "the stopped group's lag of " + clicks + " clicks, reported by the collector");
      System.out.printf(
          "%s: a stopped group's lag reported by the collector: %.0f (%d clicks written)%n",
          conf, PrometheusText.sum(lagged, "flume_" + kind + "_group_lag", group), clicks);

      kafka.broker().stop();
      long stoppedAt = System.nanoTime();
      int lines = 2_000;
      try {
        rig.append(clickLog, lines, lines + 20_000);
        lines += 20_000;
        PrometheusMonitoringIT.Response failing = awaitHealth(port, 503);
        long failedAfter = (System.nanoTime() - stoppedAt) / 1_000_000_000L;
        System.out.printf(
            "%s: Kafka stopped, /health 503 after %d s: %s%n", conf, failedAfter, failing.body());
        String named = awaitHealthMatching(port, ".*" + stalled + ".*");
        System.out.printf(
            "%s: the %s named after %d s: %s%n",
            conf, kind, (System.nanoTime() - stoppedAt) / 1_000_000_000L, named);
        String metrics = get(port, "/metrics").body();
        String component = "component=\"kafka\"";
        assertEquals(
            1,
            sample(metrics, "flume_component_stalled", component, "kind=\"" + kind + "\"")
                .orElse(-1),
            metrics);
        assertTrue(
            sample(metrics, "flume_" + kind + "_oldest_write_wait_seconds", component).orElse(0)
                > 0,
            metrics);
        assertEquals(0, sample(metrics, "flume_agent_healthy").orElse(-1), metrics);

        // the source's thread is blocked in the put (or its file channel fills): unread bytes move
        double unread = unreadBytes(metrics, rig.log());
        long size = Files.size(rig.log());
        rig.append(clickLog, lines, lines + 10_000);
        lines += 10_000;
        long grown = Files.size(rig.log()) - size;
        String moved =
            awaitMetrics(
                port,
                t -> unreadBytes(t, rig.log()) >= unread + grown || unreadBytes(t, rig.log()) == 0,
                "unread bytes grown by the " + grown + " bytes appended");
        System.out.printf(
            "%s: unread bytes while Kafka is down: %.0f, then %.0f after %d bytes appended%n",
            conf, unread, unreadBytes(moved, rig.log()), grown);
      } finally {
        kafka.broker().startServer();
      }
      long restartedAt = System.nanoTime();
      awaitHealth(port, 200);
      System.out.printf(
          "%s: Kafka back after %d s down, /health 200 after %d s%n",
          conf,
          (restartedAt - stoppedAt) / 1_000_000_000L,
          (System.nanoTime() - restartedAt) / 1_000_000_000L);

      List<String> inKafka = rig.kafkaValues(lines, Duration.ofSeconds(180));
      Set<String> distinct = new HashSet<>(inKafka);
      long lost = 0;
      for (int i = 0; i < lines; i++) {
        lost += distinct.contains(clickLog.line(i)) ? 0 : 1;
      }
      assertEquals(0, lost, lost + " of " + lines + " lines not in Kafka");
    }
  }

  private static String awaitHealthMatching(int port, String regex) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(port, "/health").body();
      if (body.matches(regex)) {
        return body;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(regex + " never in /health: " + body);
  }

  private static double unreadBytes(String text, Path log) {
    return sample(text, "flume_source_file_unread_bytes", "file=\"" + log + "\"").orElse(-1);
  }
}
