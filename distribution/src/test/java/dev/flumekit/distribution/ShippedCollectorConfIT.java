package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball's {@code conf/flumekit-kafka-sink.conf}, as shipped except for the log file, the
 * state directory and the broker address: flumekit's TailSource, flumekit's access-log and key
 * interceptors, a file channel and flumekit's KafkaSink, in a real agent.
 */
class ShippedCollectorConfIT {
  static final int LINES = 400;
  static final int GARBAGE = 4;

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  @Test
  void accessLogLinesReachKafkaKeyedByClientWithTheirEventTime() throws Exception {
    Path home = TarballHome.install(dir);
    Path log = dir.resolve("nginx/access.log");
    Files.createDirectories(log.getParent());
    Path state = dir.resolve("state");
    String shipped = Files.readString(home.resolve("conf/flumekit-kafka-sink.conf"));
    String conf =
        shipped
            .replace("/var/log/nginx/access.log", log.toString())
            .replace("/var/lib/flume/collector", state.toString())
            .replace("localhost:9092", kafka.broker().bootstrapServers());
    assertFalse(conf.equals(shipped));
    Path confDir = dir.resolve("conf");
    FlumeAgent.writeLog4jConfig(confDir, Map.of("org.apache.kafka", "WARN"));
    Path confFile = confDir.resolve("collector.conf");
    Files.writeString(confFile, conf);
    kafka.broker().createTopic("access-logs", 3);

    List<String> lines = new ArrayList<>();
    for (int n = 0; n < LINES; n++) {
      lines.add(
          String.format(
              "10.0.0.%d - - [21/Nov/2026:10:00:%02d +0800] \"GET /class/%d.html HTTP/1.1\" 200 %d"
                  + " \"-\" \"curl/8.5.0\"",
              n % 9, n % 60, 100 + n % 5, n));
      if (n % (LINES / GARBAGE) == 0) {
        lines.add("not an access log line " + n);
      }
    }
    Files.write(log, lines, StandardCharsets.UTF_8);

    try (FlumeAgent agent =
        FlumeAgent.start(
            home, confDir, confFile, "collector", List.of(), dir.resolve("logs/collector.log"))) {
      List<ConsumerRecord<byte[], byte[]>> records =
          kafka
              .broker()
              .readAll(
                  "access-logs",
                  LINES + GARBAGE,
                  Duration.ofSeconds(90),
                  Duration.ofSeconds(1),
                  "read_uncommitted");
      assertEquals(LINES + GARBAGE, records.size(), agent.log());
      Map<String, Integer> partitionOfClient = new HashMap<>();
      int garbage = 0;
      for (ConsumerRecord<byte[], byte[]> r : records) {
        String body = new String(r.value(), StandardCharsets.UTF_8);
        if (body.startsWith("not an access log line")) {
          garbage++;
          assertNull(r.key(), "an unparsable line has no client, so no key");
          continue;
        }
        int n = Integer.parseInt(body.substring(body.indexOf(" 200 ") + 5, body.indexOf(" \"-\"")));
        String client = "10.0.0." + (n % 9);
        assertEquals(client, new String(r.key(), StandardCharsets.UTF_8));
        assertEquals(
            OffsetDateTime.parse(String.format("2026-11-21T10:00:%02d+08:00", n % 60))
                .toInstant()
                .toEpochMilli(),
            r.timestamp(),
            "record time is the line's own time");
        assertEquals(Integer.toString(100 + n % 5), header(r, "course"));
        assertEquals("200", header(r, "status"));
        Integer previous = partitionOfClient.put(client, r.partition());
        assertTrue(previous == null || previous == r.partition(), "one client, one partition");
      }
      assertEquals(GARBAGE, garbage);
      assertFalse(agent.log().contains(" ERROR "), agent.log());
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
