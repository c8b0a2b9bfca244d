package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view against real agents: the shipped collector (tail source, interceptors,
 * transactional Kafka channel, flumekit's Prometheus monitoring) on a real broker, lines written to
 * its log all along, and a relay agent (Kafka source → memory → Kafka sink) reading what it writes;
 * {@code bin/flumekit-agent top} and {@code tap} run through the launcher of the unpacked tarball.
 */
@Tag("slow")
class LiveViewIT {
  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension kafka = KafkaBrokerExtension.perJvm();

  @Test
  void topShowsMovingCountsAndTapPrintsLiveEventsWithTheirHeaders() throws Exception {
    Path flumeHome = TarballHome.install(dir);
    StandaloneKit kit = StandaloneKit.unpack(dir.resolve("standalone"));
    ClickLog clickLog = new ClickLog(25, System.currentTimeMillis(), 2_000, 0);
    try (PipelineRig rig =
        new PipelineRig(
            flumeHome, dir.resolve("pipeline"), "live", kafka.broker(), null, "access.log")) {
      FlumeAgent collector =
          rig.start("collector.conf", List.of(PrometheusMonitoringIT.PROMETHEUS));
      collector.awaitLog("with positions in", Duration.ofSeconds(60));
      String url = "http://127.0.0.1:" + rig.metrics("collector").port();
      AtomicBoolean writing = new AtomicBoolean(true);
      FlumeAgent relay = null;
      Thread writer =
          new Thread(
              () -> {
                // lines keep arriving while top and tap look, as on a busy web server
                for (int i = 0; writing.get(); i += 100) {
                  try {
                    rig.append(clickLog, i, i + 100);
                    Thread.sleep(100);
                  } catch (IOException | InterruptedException e) {
                    return;
                  }
                }
              });
      writer.start();
      try {
        // the transactional channel's first put waits for its producer to start: from then on
        // events flow all along
        PrometheusMonitoringIT.awaitMetrics(
            rig.metrics("collector").port(),
            t ->
                PrometheusMonitoringIT.sample(
                            t, "flume_channel_event_put_success_total", "component=\"kafka\"")
                        .orElse(0)
                    > 0,
            "events put into the Kafka channel");
        // a relay reading what the collector writes (Kafka source, its own group) and writing it
        // to a topic of its own (Kafka sink): its own row in top, and tap reads both topics
        kafka.broker().createTopic("live-relayed", 1);
        Path kafkaConf = rig.work().resolve("conf/relay.conf");
        Files.writeString(
            kafkaConf,
            OneFlowAgent.conf(
                List.of(
                    "type = dev.flumekit.kafka.KafkaSource",
                    "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                    "kafka.topics = live-course-clicks",
                    "kafka.consumer.group.id = live-relay"),
                List.of("type = memory", "capacity = 10000", "transactionCapacity = 1000"),
                List.of(
                    "type = dev.flumekit.kafka.KafkaSink",
                    "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                    "kafka.topic = live-relayed",
                    "copyHeaders = all")));
        FlumeMetrics relayMetrics = FlumeMetrics.onFreePort();
        relay =
            FlumeAgent.start(
                flumeHome,
                rig.work().resolve("conf"),
                kafkaConf,
                "a1",
                relayMetrics.prometheusJvmOptions(),
                rig.work().resolve("logs/relay.log"));
        String relayUrl = "http://127.0.0.1:" + relayMetrics.port();
        PrometheusMonitoringIT.awaitMetrics(
            relayMetrics.port(),
            t ->
                PrometheusMonitoringIT.sample(
                            t, "flume_sink_event_drain_success_total", "component=\"k1\"")
                        .orElse(0)
                    > 0,
            "events relayed");
        StandaloneKit.Run top =
            kit.run(
                "top",
                "--url",
                url,
                "--url",
                relayUrl,
                "--url",
                "http://127.0.0.1:1",
                "--interval",
                "2",
                "--once");
        System.out.println(top.out());
        assertEquals(1, top.status(), "an agent did not answer: " + top.out());
        assertTrue(top.out().contains("agent collector at " + url + "  health: ok"), top.out());
        assertTrue(
            top.out().contains("agent at http://127.0.0.1:1: unreachable (connection refused"),
            top.out());
        // COMPONENT KIND TYPE IN/s OUT/s ...: events move into the source and into the channel
        assertMoving(row(top, "tail"), "source", "TailSource");
        assertMoving(row(top, "kafka"), "channel", "KafkaChannel");
        // the relay's Kafka source exports its lag, its Kafka sink its dead letters
        String[] source = row(top, "r1");
        assertMoving(source, "source", "KafkaSource");
        assertTrue(source[6].matches("\\d+"), "lag: " + String.join(" ", source));
        String[] sink = row(top, "k1");
        assertMoving(sink, "sink", "KafkaSink");
        assertEquals("0", sink[7], "dead letters: " + String.join(" ", sink));

        Path conf = rig.conf("collector.conf", Map.of());
        StandaloneKit.Run tap =
            kit.run(
                "tap",
                "-n",
                "collector",
                "-f",
                conf.toString(),
                "--component",
                "kafka",
                "--count",
                "3",
                "--timeout",
                "60s");
        System.out.println(tap.out());
        assertEquals(0, tap.status(), tap.out());
        List<String> events = tap.lines().stream().filter(l -> l.startsWith("{")).toList();
        assertEquals(3, events.size(), tap.out());
        for (String event : events) {
          assertTrue(event.matches("\\{\"topic\":\"live-(course-clicks|access-logs)\".*"), event);
          // headers the interceptors set, carried in the records as the channel writes them
          assertTrue(event.contains("\"client\":\""), event);
          assertTrue(event.contains("\"lineId\":\""), event);
          assertTrue(event.contains("\"body\":\""), event);
        }
        assertTrue(
            tap.out().contains("tap: channel kafka (dev.flumekit.kafka.KafkaChannel): topic(s)"),
            tap.out());

        StandaloneKit.Run tail =
            kit.run("tap", "-n", "collector", "-f", conf.toString(), "--component", "tail");
        System.out.println(tail.out());
        assertEquals(2, tail.status(), tail.out());
        assertTrue(
            tail.out()
                .contains(
                    "tap: source tail (dev.flumekit.source.TailSource) is not Kafka-backed: tap"
                        + " reads the Kafka topics of a Kafka channel, sink or source. Components"
                        + " that can be tapped: channel kafka (dev.flumekit.kafka.KafkaChannel)."),
            tail.out());

        for (String component : List.of("r1", "k1")) {
          StandaloneKit.Run kafkaTap =
              kit.run(
                  "tap",
                  "-n",
                  "a1",
                  "-f",
                  kafkaConf.toString(),
                  "--component",
                  component,
                  "--count",
                  "2",
                  "--timeout",
                  "60s");
          System.out.println(kafkaTap.out());
          assertEquals(0, kafkaTap.status(), kafkaTap.out());
          List<String> tapped = kafkaTap.lines().stream().filter(l -> l.startsWith("{")).toList();
          assertEquals(2, tapped.size(), kafkaTap.out());
          String topic = component.equals("r1") ? "live-course-clicks" : "live-relayed";
          assertTrue(tapped.get(0).startsWith("{\"topic\":\"" + topic + "\""), kafkaTap.out());
          assertTrue(tapped.get(0).contains("\"client\":\""), kafkaTap.out());
        }
      } finally {
        writing.set(false);
        writer.join();
        if (relay != null) {
          relay.stop(Duration.ofSeconds(30));
        }
      }
      assertTrue(collector.isAlive(), "tap took no part in the agent's work");
    }
  }

  /** The columns of the component's row in top's table. */
  private static String[] row(StandaloneKit.Run top, String component) {
    return top.lines().stream()
        .filter(l -> l.startsWith(component + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + component + ":\n" + top.out()))
        .trim()
        .split("\\s+");
  }

  private static void assertMoving(String[] row, String kind, String type) {
    String shown = String.join(" ", row);
    assertEquals(kind, row[1], shown);
    assertEquals(type, row[2], shown);
    assertTrue(Double.parseDouble(row[3]) > 0, "events in per second: " + shown);
  }
}
