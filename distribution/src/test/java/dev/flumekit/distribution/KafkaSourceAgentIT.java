package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flume 1.11 agent with the tarball's KafkaSource (kafka-clients 4.x in its isolated class
 * loader) → file channel → file_roll, killed with kill -9 mid-stream and started again: every
 * record reaches the sink's files at least once.
 */
class KafkaSourceAgentIT {
  static final int RECORDS = 20_000;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void pluginLayout() throws Exception {
    assertTrue(
        TarballHome.isolatedPluginLayout(flumeHome, "flumekit-kafka-source")
            .contains("kafka-clients-4.3.1.jar"));
  }

  @Test
  void killedMidStreamAndRestartedLosesNothing() throws Exception {
    kafka.broker().createTopic("loader", 3);
    Path out = Files.createDirectories(dir.resolve("out"));
    String conf =
        OneFlowAgent.conf(
            List.of(
                "type = dev.flumekit.kafka.KafkaSource",
                "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                "kafka.topics = loader",
                "kafka.consumer.group.id = loader",
                "batchSize = 500",
                "batchDurationMillis = 100"),
            OneFlowAgent.fileChannel(dir.resolve("channel"), "transactionCapacity = 1000"),
            OneFlowAgent.fileRoll(out, "sink.batchSize = 500"));
    Path confDir = dir.resolve("conf");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of("org.apache.kafka", "WARN"));

    Thread producer = new Thread(KafkaSourceAgentIT::produce);
    producer.start();
    try (FlumeAgent first =
        FlumeAgent.start(
            flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/first.log"))) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (lines(out).size() < RECORDS / 4 && System.nanoTime() < deadline) {
        assertTrue(first.isAlive(), first.log());
        Thread.sleep(50);
      }
      assertTrue(
          first.log().contains("with kafka-clients 4.3.1"),
          "runs on kafka-clients 4.x:\n" + first.log());
      first.kill();
    }
    int beforeRestart = lines(out).size();
    producer.join();
    try (FlumeAgent second =
        FlumeAgent.start(
            flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/second.log"))) {
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (distinct(out) < RECORDS && System.nanoTime() < deadline) {
        assertTrue(second.isAlive(), second.log());
        Thread.sleep(200);
      }
      second.stop(Duration.ofSeconds(30));
    }
    List<String> lines = lines(out);
    assertEquals(RECORDS, distinct(out), "every record at least once");
    System.out.printf(
        "kill -9 after %d lines: %d records, %d lines written, %d duplicates%n",
        beforeRestart, RECORDS, lines.size(), lines.size() - RECORDS);
  }

  private static void produce() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.broker().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(
            new ProducerRecord<>("loader", ("record " + i).getBytes(StandardCharsets.UTF_8)));
        if (i % 1000 == 999) {
          Thread.sleep(50);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> lines(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      List<String> all = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
      return all;
    }
  }

  private static int distinct(Path out) throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    for (String line : lines(out)) {
      if (line.startsWith("record ")) {
        seen.merge(line, 1, Integer::sum);
      }
    }
    return seen.size();
  }
}
