package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, on a small tmpfs (mounting one needs root, as CI has; elsewhere the tests are
 * skipped) filled up while lines flow. Under the tail source's positions file and the Kafka sink's
 * dead-letter directory, with some lines too large for the topic (dead letters): the agent must say
 * so, pause reading rather than pile up unsaved positions, hold back the batches whose dead letters
 * cannot be written, lose nothing, and resume by itself once space returns. Under Flume's file
 * channel: the channel refuses the source's batches, the source reads them again later, nothing is
 * lost.
 */
@Tag("slow")
class DiskFullIT {
  private static final int TOPIC_LIMIT = 4_000;

  @TempDir static Path dir;
  static Path flumeHome;
  static final List<Path> mounted = new ArrayList<>();
  @RegisterExtension static final KafkaBrokerExtension kafka = KafkaBrokerExtension.perJvm();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  /** A tmpfs of {@code size} (e.g. {@code 4m}) at {@code name}; the test is skipped without one. */
  private static Path smallDisk(String name, String size) throws Exception {
    Path disk = Files.createDirectories(dir.resolve(name));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    boolean done = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    assumeTrue(done, "a tmpfs can be mounted here (root)");
    mounted.add(disk);
    return disk;
  }

  @AfterAll
  static void unmount() throws Exception {
    for (Path disk : mounted) {
      new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Line {@code i}: every 100th is too large for the topic, so it becomes a dead letter. */
  private static String line(int i) {
    String text = "line " + i;
    return i % 100 == 50 ? text + " " + "x".repeat(TOPIC_LIMIT) : text;
  }

  private static void append(Path log, int from, int to) throws IOException {
    append(log, from, to, DiskFullIT::line);
  }

  private static void append(Path log, int from, int to, IntFunction<String> line)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(line.apply(i)).append('\n');
    }
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aFullDiskPausesTheAgentVisiblyAndNothingIsLostWhenSpaceReturns() throws Exception {
    Path small = smallDisk("small-disk", "4m");
    kafka.broker().createTopic("disk", 2, Map.of("max.message.bytes", String.valueOf(TOPIC_LIMIT)));
    Path log = Files.createDirectories(dir.resolve("nginx")).resolve("access.log");
    Path deadLetters = small.resolve("dead-letters");
    String conf =
        agentConf(
            log,
            small.resolve("positions"),
            "disk",
            List.of("type = memory", "capacity = 100000", "transactionCapacity = 1000"),
            "deadLetter = file:" + deadLetters);
    Path confDir = dir.resolve("conf-positions");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    Path filler = small.resolve("filler");
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            confDir,
            confFile,
            "a1",
            metrics.jvmOptions(),
            dir.resolve("logs/agent.log"))) {
      agent.awaitLog("with positions in", Duration.ofSeconds(60));
      append(log, 0, 2_000);
      awaitDelivered("disk", 1_980, agent);

      long filled = System.nanoTime();
      fill(filler);
      append(log, 2_000, 5_000);
      agent.awaitLog("reading is paused until it can", Duration.ofSeconds(60));
      String paused = metrics.fetch();
      assertEquals(
          1.0, FlumeMetrics.value(paused, "SOURCE.r1", "ReadingPaused").orElse(-1), paused);
      assertTrue(
          FlumeMetrics.value(paused, "SOURCE.r1", "CheckpointFailures").orElse(0) > 0, paused);

      System.out.printf("disk full: reading paused after %.1f s%n", seconds(filled));
      long freed = System.nanoTime();
      Files.delete(filler);
      agent.awaitLog("reading resumes", Duration.ofSeconds(60));
      awaitDelivered("disk", 4_950, agent);
      System.out.printf("space back: every good line in Kafka after %.1f s%n", seconds(freed));
      String resumed = metrics.fetch();
      assertEquals(
          0.0, FlumeMetrics.value(resumed, "SOURCE.r1", "ReadingPaused").orElse(-1), resumed);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (deadLetterLines(deadLetters).size() < 50 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      System.out.printf("space back: every dead letter written after %.1f s%n", seconds(freed));
      agent.stop(Duration.ofSeconds(30));
    }
    Set<String> delivered = deliveredLines("disk");
    List<String> letters = deadLetterLines(deadLetters);
    for (int i = 0; i < 5_000; i++) {
      if (i % 100 != 50) {
        assertTrue(delivered.contains(line(i)), "line " + i + " reached Kafka");
      }
    }
    assertEquals(50, letters.size(), "each too-large line is a dead letter, once");
    for (String letter : letters) {
      assertTrue(letter.contains("\"error\":\"TopicMessageLimit\""), letter.substring(0, 200));
    }
  }

  @Test
  void aFullDiskUnderTheFileChannelRefusesNewLinesAndLosesNone() throws Exception {
    Path small = smallDisk("file-channel-disk", "16m");
    kafka.broker().createTopic("buffered", 2);
    Path log = Files.createDirectories(dir.resolve("buffered-logs")).resolve("access.log");
    // 400-byte lines: what arrives while the disk is full is more than the channel's log files
    // have room for
    String padding = " " + "p".repeat(380);
    IntFunction<String> line = i -> "buffered line " + i + padding;
    String conf =
        agentConf(
            log,
            dir.resolve("buffered.positions"),
            "buffered",
            OneFlowAgent.fileChannel(
                small,
                "capacity = 100000",
                "transactionCapacity = 1000",
                "maxFileSize = 2000000",
                // Flume's floor for this key is 1 MB; shipped confs leave it at 500 MB
                "minimumRequiredSpace = 2000000"));
    Path confDir = dir.resolve("conf-file-channel");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    Path filler = small.resolve("filler");
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            confDir,
            confFile,
            "a1",
            metrics.jvmOptions(),
            dir.resolve("logs/file-channel-agent.log"))) {
      agent.awaitLog("with positions in", Duration.ofSeconds(60));
      append(log, 0, 2_000, line);
      awaitDelivered("buffered", 2_000, agent);

      fill(filler);
      append(log, 2_000, 22_000, line);
      agent.awaitLog("channel refused a batch", Duration.ofSeconds(60));
      String refusal =
          agent.log().lines().filter(l -> l.contains("channel refused a batch")).findFirst().get();
      assertTrue(refusal.contains("space"), refusal);
      System.out.println("file channel, disk full: " + refusal);
      String refused = metrics.fetch();
      assertTrue(
          FlumeMetrics.value(refused, "SOURCE.r1", "ChannelWriteFail").orElse(0) > 0, refused);
      System.out.printf(
          "file channel, disk full: %d lines in Kafka of 22,000 written%n",
          deliveredLines("buffered").size());

      long freed = System.nanoTime();
      Files.delete(filler);
      awaitDelivered("buffered", 22_000, agent);
      System.out.printf(
          "file channel, space back: every line in Kafka after %.1f s%n", seconds(freed));
      agent.stop(Duration.ofSeconds(30));
    }
    Set<String> delivered = deliveredLines("buffered");
    for (int i = 0; i < 22_000; i++) {
      assertTrue(delivered.contains(line.apply(i)), "line " + i + " reached Kafka");
    }
  }

  /**
   * Tail source → channel {@code c1} (its keys given) → Kafka sink to {@code topic}, batches of
   * 200, with {@code sinkExtras} keys for the sink.
   */
  private static String agentConf(
      Path log, Path positions, String topic, List<String> channel, String... sinkExtras) {
    List<String> sink =
        new ArrayList<>(
            List.of(
                "type = dev.flumekit.kafka.KafkaSink",
                "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                "kafka.topic = " + topic,
                "flumeBatchSize = 200"));
    sink.addAll(List.of(sinkExtras));
    return OneFlowAgent.conf(
        OneFlowAgent.tailSource(log, positions, "batchSize = 200", "rescanIntervalMillis = 100"),
        channel,
        sink);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** Writes into {@code filler} until the disk refuses more. */
  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("space")) {
        throw full;
      }
    }
  }

  private static void awaitDelivered(String topic, int distinct, FlumeAgent agent)
      throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (deliveredLines(topic).size() < distinct) {
      assertTrue(agent.isAlive(), agent.log());
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            deliveredLines(topic).size() + " of " + distinct + " lines in Kafka\n" + agent.log());
      }
      Thread.sleep(500);
    }
  }

  private static Set<String> deliveredLines(String topic) {
    Set<String> lines = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.broker().readToEnd(topic, "read_committed")) {
      lines.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<String> deadLetterLines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f : files.toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }
}
