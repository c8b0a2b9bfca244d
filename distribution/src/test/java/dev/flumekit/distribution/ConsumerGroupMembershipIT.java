package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a loader's partitions go unread when it is killed and started again, and when a second
 * loader joins the group or leaves it: real agents (the shipped loader's Kafka channel, a null
 * sink) under a steady stream of records, the group's committed offsets sampled every 100 ms.
 *
 * <p>A member killed with kill -9 holds its partitions until the group's session timeout (45 s)
 * under dynamic membership; the shipped default, static membership, gives them back to the
 * restarted member at once. CI measures the default; {@code -Dmembership.variants=all} measures
 * dynamic membership and Kafka's consumer group protocol too (docs/benchmarks.md).
 */
// serial: it asserts that a restarted loader reads again within 20 s
@Tag("serial")
class ConsumerGroupMembershipIT {
  private static final String TOPIC = "membership";
  private static final int PARTITIONS = 3;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = KafkaBrokerExtension.perJvm();
  static final AtomicBoolean producing = new AtomicBoolean(true);
  static Thread producer;
  static final List<String> table = new ArrayList<>();

  /** A way of running the group, as the loader's configuration lines that select it. */
  private record Variant(String name, List<String> lines) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("static membership, classic protocol (shipped default)", List.of()),
          new Variant(
              "dynamic membership, classic protocol (before)",
              List.of("kafka.consumer.group.instance.id = none")),
          new Variant(
              "static membership, consumer protocol",
              List.of("kafka.consumer.group.protocol = consumer")),
          new Variant(
              "dynamic membership, consumer protocol",
              List.of(
                  "kafka.consumer.group.instance.id = none",
                  "kafka.consumer.group.protocol = consumer")));

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
    kafka.broker().createTopic(TOPIC, PARTITIONS);
    producer = new Thread(ConsumerGroupMembershipIT::produce, "steady-producer");
    producer.start();
  }

  @AfterAll
  static void stopAndPrint() throws InterruptedException {
    producing.set(false);
    if (producer != null) {
      producer.join();
    }
    System.out.println(
        "| Group membership | kill -9 → restarted member reads again | longest partition stall"
            + " while a second loader joins | … while it leaves (stopped) |");
    System.out.println("|---|---|---|---|");
    table.forEach(System.out::println);
  }

  @Test
  void aKilledLoaderStartedAgainReadsItsPartitionsAtOnce() throws Exception {
    boolean all = "all".equals(System.getProperty("membership.variants"));
    List<Variant> variants = all ? VARIANTS : VARIANTS.subList(0, 1);
    for (int v = 0; v < variants.size(); v++) {
      Duration recovered = measure(variants.get(v), "g" + v, all);
      if (v == 0) {
        // the session timeout is 45 s: static membership must not wait for it
        assertTrue(
            recovered.compareTo(Duration.ofSeconds(20)) < 0,
            "the restarted loader read again after " + recovered);
      }
    }
  }

  private static Duration measure(Variant variant, String group, boolean all) throws Exception {
    try (GroupProgress progress = new GroupProgress(group)) {
      FlumeAgent first = start(variant, group, "loader", "clicks", "first");
      try {
        progress.awaitAdvanceOfAll(progress.committedNow(), Duration.ofSeconds(60));
      } catch (IllegalStateException e) {
        throw new AssertionError(e.getMessage() + "\n" + first.log(), e);
      }
      Thread.sleep(2000);
      Map<TopicPartition, Long> atKill = progress.committedNow();
      long killedAt = System.nanoTime();
      first.kill();
      FlumeAgent again = start(variant, group, "loader", "clicks", "again");
      try {
        progress.awaitAdvanceOfAll(atKill, Duration.ofSeconds(120));
      } catch (IllegalStateException e) {
        String log = again.log();
        String refusal =
            log.contains("UnreleasedInstanceIdException")
                ? "UnreleasedInstanceIdException"
                : log.contains("FencedInstanceIdException")
                    ? "FencedInstanceIdException"
                    : "nothing logged";
        again.stop(Duration.ofSeconds(30));
        table.add("| " + variant.name() + " | not in 120 s (" + refusal + ") | – | – |");
        return Duration.ofSeconds(120);
      }
      Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
      if (!all) {
        // CI measures the restart only; joining and leaving are measured with all variants
        again.stop(Duration.ofSeconds(30));
        table.add(
            String.format(
                Locale.ROOT,
                "| %s | %.1f s | – | – |",
                variant.name(),
                recovered.toMillis() / 1000.0));
        return recovered;
      }
      Thread.sleep(3000);

      // a second loader: another channel name, hence another group.instance.id
      long joinedAt = System.nanoTime();
      FlumeAgent second = start(variant, group, "loader", "clicks2", "second");
      Thread.sleep(15_000);
      Duration joinStall = progress.longestStall(joinedAt, System.nanoTime());
      long leftAt = System.nanoTime();
      second.stop(Duration.ofSeconds(30));
      Thread.sleep(10_000);
      Duration leaveStall = progress.longestStall(leftAt, System.nanoTime());
      again.stop(Duration.ofSeconds(30));
      table.add(
          String.format(
              Locale.ROOT,
              "| %s | %.1f s | %.1f s | %.1f s |",
              variant.name(),
              recovered.toMillis() / 1000.0,
              joinStall.toMillis() / 1000.0,
              leaveStall.toMillis() / 1000.0));
      return recovered;
    }
  }

  private static FlumeAgent start(
      Variant variant, String group, String agent, String channel, String run) throws Exception {
    String prefix = agent + ".channels." + channel + ".";
    List<String> lines =
        new ArrayList<>(
            List.of(
                agent + ".channels = " + channel,
                agent + ".sinks = discard",
                prefix + "type = dev.flumekit.kafka.KafkaChannel",
                prefix + "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                prefix + "kafka.topic = " + TOPIC,
                prefix + "kafka.consumer.group.id = " + group,
                prefix + "parseAsFlumeEvent = false",
                prefix + "deadLetter = file:" + dir.resolve("dead-letters"),
                agent + ".sinks.discard.type = null",
                agent + ".sinks.discard.channel = " + channel,
                agent + ".sinks.discard.batchSize = 500"));
    for (String line : variant.lines()) {
      lines.add(prefix + line);
    }
    Path confDir = dir.resolve("conf-" + group + "-" + run);
    Path confFile =
        FlumeAgent.writeConfig(
            confDir, String.join("\n", lines) + "\n", FlumeAgent.CLIENTS_AT_WARN);
    return FlumeAgent.start(
        flumeHome,
        confDir,
        confFile,
        agent,
        List.of(),
        dir.resolve("logs/" + group + "-" + run + ".log"));
  }

  /** About 3,000 records a second, spread over the partitions, until the class is done. */
  private static void produce() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.broker().bootstrapServers());
    p.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> out =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; producing.get(); i++) {
        out.send(
            new ProducerRecord<>(
                TOPIC,
                (int) (i % PARTITIONS),
                null,
                ("click " + i).getBytes(StandardCharsets.UTF_8)));
        if (i % 300 == 299) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A group's committed offsets and the topic's end offsets, sampled every 100 ms. */
  private static final class GroupProgress implements AutoCloseable {
    private record Sample(
        long nanos, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {}

    private final String group;
    private final Admin admin = kafka.broker().admin();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    GroupProgress(String group) {
      this.group = group;
      this.sampler = new Thread(this::sample, "group-progress-" + group);
      sampler.start();
    }

    private void sample() {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(TOPIC, p));
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      while (running) {
        try {
          Map<TopicPartition, Long> committed = read();
          Map<TopicPartition, Long> ends = new HashMap<>();
          admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
          synchronized (samples) {
            samples.add(new Sample(System.nanoTime(), committed, ends));
          }
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a sample missed; the next one counts
        }
      }
    }

    private Map<TopicPartition, Long> read() throws Exception {
      Map<TopicPartition, Long> committed = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      offsets.forEach((tp, o) -> committed.put(tp, o == null ? -1 : o.offset()));
      return committed;
    }

    Map<TopicPartition, Long> committedNow() throws Exception {
      return read();
    }

    /** Waits until every partition's committed offset is past where it was in {@code before}. */
    void awaitAdvanceOfAll(Map<TopicPartition, Long> before, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Map<TopicPartition, Long> now = read();
        boolean all = now.size() == PARTITIONS;
        for (Map.Entry<TopicPartition, Long> e : now.entrySet()) {
          all &= e.getValue() > before.getOrDefault(e.getKey(), -1L);
        }
        if (all) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("group " + group + " did not advance: " + now);
        }
        Thread.sleep(50);
      }
    }

    /**
     * The longest time within [from, to] that a partition holding unread records went without its
     * committed offset moving.
     */
    Duration longestStall(long from, long to) {
      List<Sample> window;
      synchronized (samples) {
        window = samples.stream().filter(s -> s.nanos() >= from && s.nanos() <= to).toList();
      }
      long longest = 0;
      for (int p = 0; p < PARTITIONS; p++) {
        TopicPartition tp = new TopicPartition(TOPIC, p);
        long since = -1;
        long last = Long.MIN_VALUE;
        for (Sample s : window) {
          long committed = s.committed().getOrDefault(tp, -1L);
          boolean waiting = s.ends().getOrDefault(tp, 0L) > committed;
          if (committed != last || !waiting) {
            since = s.nanos();
            last = committed;
          }
          longest = Math.max(longest, s.nanos() - since);
        }
      }
      return Duration.ofNanos(longest);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      sampler.interrupt();
      sampler.join();
      admin.close(Duration.ofSeconds(5));
    }
  }
}
