package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Kafka channel's put and take together, in an agent: a fast source of access-log lines puts
 * batches of 1000 into the channel, a null sink takes batches of 1000 out of it, so every event is
 * written to Kafka (acks=all, snappy) and read back with its offsets committed. flumekit's
 * KafkaChannel against Flume 1.11's own, each with its defaults otherwise (both store Flume Avro
 * events, parseAsFlumeEvent = true), in turns on one local broker, a topic of {@code partitions}
 * partitions each. Throughput is events taken per second over the middle 80% of each run, from the
 * agent's monitoring. Usage: {@code benchmarks/kafka-channel.sh [events] [rounds] [partitions]}.
 */
public final class KafkaChannelBenchmark {
  private static final int BATCH = 1000;

  private record Result(
      String contender,
      int round,
      double eventsPerSecond,
      long heapAfterGcMiB,
      double agentCpuMicrosPerEvent) {}

  private final Path work;
  private final KafkaBroker broker;
  private final Path flumeHome;
  private final long events;
  private final int partitions;

  private KafkaChannelBenchmark(
      Path work, KafkaBroker broker, Path flumeHome, long events, int partitions) {
    this.work = work;
    this.broker = broker;
    this.flumeHome = flumeHome;
    this.events = events;
    this.partitions = partitions;
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "channel-run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    BenchmarkHome.installBenchPlugin(root, flumeHome);
    List<Result> results = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      KafkaChannelBenchmark bench =
          new KafkaChannelBenchmark(work, broker, flumeHome, events, partitions);
      List<String> order =
          new ArrayList<>(
              List.of(System.getProperty("channel.contenders", "flumekit,flume").split(",")));
      for (int round = 1; round <= rounds; round++) {
        for (String contender : order) {
          results.add(bench.run(contender, round));
        }
        order.add(order.remove(0)); // rotate who goes first
      }
    }
    report(results, events, partitions);
  }

  private Result run(String contender, int round) throws Exception {
    String topic = contender + "-" + round;
    broker.createTopic(topic, partitions);
    Path conf = Files.createDirectories(work.resolve("conf-" + topic));
    FlumeAgent.writeLog4jConfig(conf, Map.of("org.apache.kafka", "WARN"));
    String type =
        contender.equals("flume")
            ? "org.apache.flume.channel.kafka.KafkaChannel"
            : "dev.flumekit.kafka.KafkaChannel";
    StringBuilder c = new StringBuilder();
    c.append("a1.sources = gen\na1.channels = kafka\na1.sinks = null\n");
    c.append("a1.sources.gen.type = dev.flumekit.bench.AccessLogSource\n");
    c.append("a1.sources.gen.totalEvents = ").append(events).append('\n');
    c.append("a1.sources.gen.batchSize = ").append(BATCH).append('\n');
    c.append("a1.sources.gen.channels = kafka\n");
    c.append("a1.channels.kafka.type = ").append(type).append('\n');
    c.append("a1.channels.kafka.kafka.bootstrap.servers = ")
        .append(broker.bootstrapServers())
        .append('\n');
    c.append("a1.channels.kafka.kafka.topic = ").append(topic).append('\n');
    c.append("a1.channels.kafka.kafka.consumer.group.id = ").append(topic).append('\n');
    c.append("a1.channels.kafka.kafka.consumer.auto.offset.reset = earliest\n");
    c.append("a1.channels.kafka.kafka.producer.acks = all\n");
    c.append("a1.channels.kafka.kafka.producer.compression.type = snappy\n");
    if (contender.equals("flumekit")) {
      c.append("a1.channels.kafka.deadLetter = file:").append(work.resolve("dlq")).append('\n');
    }
    c.append("a1.sinks.null.type = null\n");
    c.append("a1.sinks.null.channel = kafka\n");
    c.append("a1.sinks.null.batchSize = ").append(BATCH).append('\n');
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, c);
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    Path gcLog = work.resolve("logs/" + topic + "-gc.log");
    Files.createDirectories(gcLog.getParent());
    List<String> options = new ArrayList<>(metrics.jvmOptions());
    options.addAll(List.of("-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-Xlog:gc:file=" + gcLog));
    // e.g. -Dchannel.agentOptions=-XX:StartFlightRecording=filename=/tmp/{run}.jfr to profile
    for (String option : System.getProperty("channel.agentOptions", "").split(" ")) {
      if (!option.isBlank()) {
        options.add(option.replace("{run}", topic));
      }
    }
    System.out.printf("%n[%s] %s channel: %,d events%n", topic, contender, events);
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, conf, file, "a1", options, work.resolve("logs/" + topic + ".log"))) {
      long low = events / 10;
      long high = events - events / 10;
      long lowAt = 0;
      long lowCount = 0;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (true) {
        long now = System.nanoTime();
        long taken =
            (long)
                FlumeMetrics.value(metrics.fetch(), "CHANNEL.kafka", "EventTakeSuccessCount")
                    .orElse(0);
        if (lowAt == 0 && taken >= low) {
          lowAt = now;
          lowCount = taken;
        }
        if (taken >= high) {
          double rate = (taken - lowCount) / ((now - lowAt) / 1e9);
          System.out.printf("[%s] %,.0f events/s put and taken%n", topic, rate);
          double cpuMicros = AgentMeasurements.cpuSeconds(agent.pid()) * 1e6 / taken;
          return new Result(
              contender, round, rate, AgentMeasurements.gcPeaks(gcLog).afterMiB(), cpuMicros);
        }
        if (now > deadline || !agent.isAlive()) {
          throw new IllegalStateException(topic + " took " + taken + ":\n" + agent.log());
        }
        Thread.sleep(100);
      }
    }
  }

  private static void report(List<Result> results, long events, int partitions) {
    double lineBytes =
        Stream.of(AccessLogLines.generate(65536, 42L)).mapToInt(l -> l.length).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%nKafka channel benchmark: put and take of %,d access-log lines (%.0f bytes on average)"
            + " per run, batches of %d, acks=all, snappy, one local broker, %d partitions; %d cores,"
            + " %s %s%n%n",
        events,
        lineBytes,
        BATCH,
        partitions,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    System.out.println(
        "| Round | Channel | events/s put and taken | agent CPU µs per event (start-up included)"
            + " | heap after GC max |");
    System.out.println("|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %d | %s | %,.0f | %.1f | %d MiB |%n",
          r.round,
          label(r.contender),
          r.eventsPerSecond,
          r.agentCpuMicrosPerEvent,
          r.heapAfterGcMiB);
    }
    List<Double> ratios = new ArrayList<>();
    for (Result ours : results) {
      if (ours.contender.equals("flumekit")) {
        results.stream()
            .filter(r -> r.contender.equals("flume") && r.round == ours.round)
            .findFirst()
            .ifPresent(flume -> ratios.add(ours.eventsPerSecond / flume.eventsPerSecond));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nflumekit / Flume per round: %s; median %.2f%n",
        ratios,
        AgentMeasurements.median(ratios));
  }

  private static String label(String contender) {
    return contender.equals("flume")
        ? "Flume 1.11.0 KafkaChannel (kafka-clients 2.7.2)"
        : "flumekit KafkaChannel (kafka-clients 4.3.1)";
  }
}
