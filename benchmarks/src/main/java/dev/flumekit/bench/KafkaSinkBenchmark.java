package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run, one local broker: the raw kafka-clients producer, Flume 1.11's own KafkaSink in an
 * agent, and flumekit's KafkaSink in the same agent shape (a fast source of realistic access-log
 * lines, a memory channel, batches of 1000, acks=all, snappy). Throughput is what the broker's end
 * offsets show, over the middle 80% of each run; each contender runs in a JVM of its own. Usage:
 * {@code benchmarks/kafka-sink.sh [events] [rounds] [partitions]}.
 */
public final class KafkaSinkBenchmark {
  private static final int BATCH = 1000;
  private static final Map<String, Object> PRODUCER =
      Map.of(
          "acks",
          "all",
          "compression.type",
          "snappy",
          "linger.ms",
          5,
          "batch.size",
          262144,
          "enable.idempotence",
          true);

  /** One measured run. */
  record Result(
      String contender,
      int round,
      long events,
      double eventsPerSecond,
      double megabytesPerSecond) {}

  private final Path work;
  private final KafkaBroker broker;
  private final Path flumeHome;
  private final long events;
  private final int partitions;
  private final double averageLineBytes;

  private KafkaSinkBenchmark(
      Path work, KafkaBroker broker, Path flumeHome, long events, int partitions) {
    this.work = work;
    this.broker = broker;
    this.flumeHome = flumeHome;
    this.events = events;
    this.partitions = partitions;
    byte[][] lines = AccessLogLines.generate(65536, 42L);
    this.averageLineBytes = Stream.of(lines).mapToInt(l -> l.length).average().orElse(0);
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    BenchmarkHome.installBenchPlugin(root, flumeHome);
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      KafkaSinkBenchmark bench =
          new KafkaSinkBenchmark(work, broker, flumeHome, events, partitions);
      List<Result> results = new ArrayList<>();
      String contenders = System.getProperty("bench.contenders", "raw,flume,flumekit");
      for (int round = 1; round <= rounds; round++) {
        if (contenders.contains("raw")) {
          results.add(bench.rawProducer(round));
        }
        if (contenders.contains("flume,") || contenders.endsWith("flume")) {
          results.add(bench.agent("flume", "org.apache.flume.sink.kafka.KafkaSink", round));
        }
        if (contenders.contains("flumekit")) {
          results.add(bench.agent("flumekit", "dev.flumekit.kafka.KafkaSink", round));
        }
      }
      String report = bench.report(results, rounds);
      System.out.println(report);
      Files.writeString(work.resolve("report.md"), report);
      System.out.println("Report: " + work.resolve("report.md"));
    }
  }

  private Result rawProducer(int round) throws Exception {
    String topic = "raw-" + round;
    broker.createTopic(topic, partitions);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx1g", "-Xms1g", "-cp", System.getProperty("java.class.path")));
    command.add(RawProducer.class.getName());
    command.addAll(List.of(broker.bootstrapServers(), topic, String.valueOf(events)));
    for (Map.Entry<String, Object> p : PRODUCER.entrySet()) {
      command.add(p.getKey() + "=" + p.getValue());
    }
    Path log = work.resolve("logs/" + topic + ".log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return measure("raw", topic, round, process::isAlive, () -> Files.readString(log));
    } finally {
      process.destroyForcibly().waitFor();
    }
  }

  private Result agent(String name, String sinkType, int round) throws Exception {
    String topic = name + "-" + round;
    broker.createTopic(topic, partitions);
    Path conf = Files.createDirectories(work.resolve("conf-" + topic));
    FlumeAgent.writeLog4jConfig(conf, Map.of("org.apache.kafka", "WARN"));
    StringBuilder c = new StringBuilder();
    c.append("a1.sources = gen\na1.channels = mem\na1.sinks = kafka\n");
    c.append("a1.sources.gen.type = dev.flumekit.bench.AccessLogSource\n");
    c.append("a1.sources.gen.totalEvents = ").append(events).append('\n');
    c.append("a1.sources.gen.batchSize = ").append(BATCH).append('\n');
    c.append("a1.sources.gen.channels = mem\n");
    c.append("a1.channels.mem.type = memory\n");
    c.append("a1.channels.mem.capacity = 100000\n");
    c.append("a1.channels.mem.transactionCapacity = ").append(BATCH).append('\n');
    c.append("a1.sinks.kafka.channel = mem\n");
    c.append("a1.sinks.kafka.type = ").append(sinkType).append('\n');
    c.append("a1.sinks.kafka.kafka.bootstrap.servers = ")
        .append(broker.bootstrapServers())
        .append('\n');
    c.append("a1.sinks.kafka.kafka.topic = ").append(topic).append('\n');
    c.append("a1.sinks.kafka.flumeBatchSize = ").append(BATCH).append('\n');
    for (Map.Entry<String, Object> p : PRODUCER.entrySet()) {
      c.append("a1.sinks.kafka.kafka.producer.")
          .append(p.getKey())
          .append(" = ")
          .append(p.getValue())
          .append('\n');
    }
    if (name.equals("flumekit")) {
      for (String option : System.getProperty("bench.flumekitOptions", "").split(",")) {
        if (!option.isBlank()) {
          c.append("a1.sinks.kafka.").append(option.trim().replaceFirst("=", " = ")).append('\n');
        }
      }
    }
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, c);
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            conf,
            file,
            "a1",
            agentJvmOptions(topic),
            work.resolve("logs/" + topic + ".log"))) {
      return measure(name, topic, round, agent::isAlive, agent::log);
    }
  }

  /** What {@code log} shows when a contender fails. */
  private interface LogReader {
    String read() throws IOException;
  }

  /**
   * Throughput as the broker sees it: end offsets of {@code topic} over the middle 80% of the run,
   * which leaves out JVM start-up and the tail.
   */
  private Result measure(
      String name, String topic, int round, java.util.function.BooleanSupplier alive, LogReader log)
      throws Exception {
    try (OffsetProbe probe = new OffsetProbe(broker.bootstrapServers())) {
      long low = events / 10;
      long high = events - events / 10;
      long lowAt = 0;
      long lowOffset = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (true) {
        long now = System.nanoTime();
        long offset = probe.endOffsetSum(topic);
        if (lowAt == 0 && offset >= low) {
          lowAt = now;
          lowOffset = offset;
        }
        if (offset >= high) {
          return result(label(name), round, offset - lowOffset, now - lowAt);
        }
        if (now > deadline || (!alive.getAsBoolean() && offset < high)) {
          throw new IllegalStateException(
              name + " reached " + offset + " of " + events + ":\n" + log.read());
        }
        Thread.sleep(20);
      }
    }
  }

  private List<String> agentJvmOptions(String topic) {
    List<String> options = new ArrayList<>(List.of("-Xmx1g", "-Xms1g"));
    String extra = System.getProperty("bench.agentJvmOptions", "");
    for (String option : extra.split(" ")) {
      if (!option.isBlank()) {
        options.add(option.replace("{run}", work.resolve(topic).toString()));
      }
    }
    return options;
  }

  private static String label(String name) {
    return switch (name) {
      case "raw" -> "raw kafka-clients 4.3.1 producer in a JVM of its own";
      case "flume" -> "Flume 1.11.0 KafkaSink (kafka-clients 2.7.2) in an agent";
      default -> "flumekit KafkaSink (kafka-clients 4.3.1) in an agent";
    };
  }

  private Result result(String contender, int round, long count, long nanos) {
    double perSecond = count / (nanos / 1e9);
    return new Result(contender, round, count, perSecond, perSecond * averageLineBytes / 1e6);
  }

  private String report(List<Result> results, int rounds) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Kafka sink benchmark: %,d events of %.0f bytes on average per run, batch %d, acks=all,"
                + " snappy, linger.ms 5, batch.size 262144, idempotent (the same producer settings"
                + " for all three), one local KRaft broker, %d partition(s); %d rounds%n%n",
            events, averageLineBytes, BATCH, partitions, rounds));
    out.append("| Contender | Round | Events/s | MB/s |\n|---|---|---|---|\n");
    for (Result r : results) {
      out.append(
          String.format(
              "| %s | %d | %,.0f | %.1f |%n",
              r.contender(), r.round(), r.eventsPerSecond(), r.megabytesPerSecond()));
    }
    double raw = best(results, "raw");
    double flume = best(results, "Flume");
    double ours = best(results, "flumekit");
    out.append(
        String.format(
            "%nBest of %d rounds: raw %,.0f/s, Flume %,.0f/s, flumekit %,.0f/s%n",
            rounds, raw, flume, ours));
    out.append(
        String.format(
            "Ratios of the best: flumekit/Flume = %.2f, flumekit/raw = %.2f%n",
            ours / flume, ours / raw));
    List<Double> vsFlume = new ArrayList<>();
    List<Double> vsRaw = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double r = inRound(results, "raw", round);
      double f = inRound(results, "Flume", round);
      double o = inRound(results, "flumekit", round);
      if (o > 0 && f > 0) {
        vsFlume.add(o / f);
      }
      if (o > 0 && r > 0) {
        vsRaw.add(o / r);
      }
    }
    out.append(
        String.format(
            "Median of the per-round ratios: flumekit/Flume = %.2f, flumekit/raw = %.2f%n",
            AgentMeasurements.median(vsFlume), AgentMeasurements.median(vsRaw)));
    out.append(
        String.format(
            "Machine: %d cores, %s, %s %s%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version")));
    return out.toString();
  }

  private static double inRound(List<Result> results, String prefix, int round) {
    return results.stream()
        .filter(r -> r.contender().startsWith(prefix) && r.round() == round)
        .mapToDouble(Result::eventsPerSecond)
        .findFirst()
        .orElse(0);
  }

  private static double best(List<Result> results, String prefix) {
    return results.stream()
        .filter(r -> r.contender().startsWith(prefix))
        .mapToDouble(Result::eventsPerSecond)
        .max()
        .orElse(0);
  }
}
