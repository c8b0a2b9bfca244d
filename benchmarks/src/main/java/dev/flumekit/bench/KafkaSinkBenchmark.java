package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run, one local broker: the raw kafka-clients producer, Flume 1.11's own KafkaSink in an
 * agent, flumekit's KafkaSink in the same agent shape (a fast source of realistic access-log lines,
 * a memory channel, batches of 1000, acks=all, snappy), and that agent with Flume's null sink: the
 * ceiling an in-agent sink can reach (the source's and channel's own cost). Throughput is what the
 * broker's end offsets show (the ceiling's: its channel's takes, from the agent's monitoring), over
 * the middle 80% of each run; each contender runs in a JVM of its own, whose CPU and allocation per
 * event are read from outside it ({@link ProcessWindow}). The order rotates by round. Usage: {@code
 * benchmarks/kafka-sink.sh [events] [rounds] [partitions]}.
 */
public final class KafkaSinkBenchmark {
  private static final int BATCH = 1000;
  private static final List<String> CONTENDERS = List.of("raw", "flume", "flumekit", "ceiling");
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
    // at 2,000,000 events a run lasted a few seconds, while C2 compiled: long runs measure the
    // sinks
    long events = args.length > 0 ? Long.parseLong(args[0]) : 8_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    BenchmarkHome.installBenchPlugin(root, flumeHome);
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      KafkaSinkBenchmark bench =
          new KafkaSinkBenchmark(work, broker, flumeHome, events, partitions);
      ContenderRounds runs = new ContenderRounds("event");
      // -Dbench.contenders=raw,flumekit: a subset
      List<String> chosen =
          List.of(System.getProperty("bench.contenders", String.join(",", CONTENDERS)).split(","));
      List<String> contenders = CONTENDERS.stream().filter(chosen::contains).toList();
      for (int round = 1; round <= rounds; round++) {
        for (String contender : ContenderRounds.order(contenders, round)) {
          runs.add(
              switch (contender) {
                case "raw" -> bench.rawProducer(round);
                case "flume" ->
                    bench.agent("flume", "org.apache.flume.sink.kafka.KafkaSink", round);
                case "flumekit" -> bench.agent("flumekit", "dev.flumekit.kafka.KafkaSink", round);
                default -> bench.agent("ceiling", "null", round);
              });
        }
      }
      String report = bench.report(runs, contenders, rounds);
      System.out.println(report);
      Files.writeString(work.resolve("report.md"), report);
      System.out.println("Report: " + work.resolve("report.md"));
    }
  }

  private ContenderRounds.Run rawProducer(int round) throws Exception {
    String topic = "raw-" + round;
    broker.createTopic(topic, partitions);
    Path gcLog = work.resolve("logs/" + topic + "-gc.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx1g",
            "-Xms1g",
            AgentMeasurements.gcLogOption(gcLog),
            "-cp",
            System.getProperty("java.class.path")));
    command.add(RawProducer.class.getName());
    command.addAll(List.of(broker.bootstrapServers(), topic, String.valueOf(events)));
    for (Map.Entry<String, Object> p : PRODUCER.entrySet()) {
      command.add(p.getKey() + "=" + p.getValue());
    }
    Path log = work.resolve("logs/" + topic + ".log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (OffsetProbe probe = new OffsetProbe(broker.bootstrapServers())) {
      return measure(
          "raw",
          round,
          () -> probe.endOffsetSum(topic),
          new ProcessWindow(process.pid(), gcLog, events),
          process::isAlive,
          () -> Files.readString(log));
    } finally {
      process.destroyForcibly().waitFor();
    }
  }

  /**
   * An agent of {@link AccessLogSource}, a memory channel and the sink {@code sinkType}; {@code
   * null} is Flume's null sink, which takes batches of the same size and writes nothing.
   */
  private ContenderRounds.Run agent(String name, String sinkType, int round) throws Exception {
    String topic = name + "-" + round;
    boolean ceiling = sinkType.equals("null");
    if (!ceiling) {
      broker.createTopic(topic, partitions);
    }
    Path conf = Files.createDirectories(work.resolve("conf-" + topic));
    FlumeAgent.writeLog4jConfig(conf, Map.of("org.apache.kafka", "WARN"));
    StringBuilder c = new StringBuilder();
    c.append("a1.sources = gen\na1.channels = mem\na1.sinks = kafka\n");
    c.append("a1.sources.gen.type = dev.flumekit.bench.AccessLogSource\n");
    c.append("a1.sources.gen.totalEvents = ").append(events).append('\n');
    c.append("a1.sources.gen.batchSize = ").append(BATCH).append('\n');
    // every agent waits for its monitoring, which the ceiling is counted by
    c.append("a1.sources.gen.startAfterMillis = 3000\n");
    c.append("a1.sources.gen.channels = mem\n");
    c.append("a1.channels.mem.type = memory\n");
    c.append("a1.channels.mem.capacity = 100000\n");
    c.append("a1.channels.mem.transactionCapacity = ").append(BATCH).append('\n');
    c.append("a1.sinks.kafka.channel = mem\n");
    c.append("a1.sinks.kafka.type = ").append(sinkType).append('\n');
    if (ceiling) {
      c.append("a1.sinks.kafka.batchSize = ").append(BATCH).append('\n');
    } else {
      kafkaSink(name, topic, c);
    }
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, c);
    Path gcLog = work.resolve("logs/" + topic + "-gc.log");
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    List<String> options = agentJvmOptions(topic);
    options.add(AgentMeasurements.gcLogOption(gcLog));
    if (ceiling) {
      options.addAll(metrics.jvmOptions());
    }
    try (FlumeAgent agent =
            FlumeAgent.start(
                flumeHome, conf, file, "a1", options, work.resolve("logs/" + topic + ".log"));
        OffsetProbe probe = new OffsetProbe(broker.bootstrapServers())) {
      // the ceiling writes nothing to the broker: its channel's takes are what its sink passed on
      Count count =
          ceiling
              ? () ->
                  (long)
                      FlumeMetrics.value(metrics.fetch(), "CHANNEL.mem", "EventTakeSuccessCount")
                          .orElse(0)
              : () -> probe.endOffsetSum(topic);
      return measure(
          name,
          round,
          count,
          new ProcessWindow(agent.pid(), gcLog, events),
          agent::isAlive,
          agent::log);
    }
  }

  /** The Kafka sink's settings: broker, topic, batch, producer, and flumekit's extra options. */
  private void kafkaSink(String name, String topic, StringBuilder c) {
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
  }

  /** What {@code log} shows when a contender fails. */
  private interface LogReader {
    String read() throws IOException;
  }

  /** What a contender has passed on so far. */
  private interface Count {
    long get() throws Exception;
  }

  /**
   * Throughput over the middle 80% of the run (JVM start-up and the tail left out), and the
   * process's CPU and allocation per event between 20% and 80%, sampled every 20 ms.
   */
  private ContenderRounds.Run measure(
      String name,
      int round,
      Count count,
      ProcessWindow window,
      java.util.function.BooleanSupplier alive,
      LogReader log)
      throws Exception {
    long low = events / 10;
    long high = events - events / 10;
    long lowAt = 0;
    long lowCount = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      long now = System.nanoTime();
      long passed = count.get();
      window.sample(passed);
      if (lowAt == 0 && passed >= low) {
        lowAt = now;
        lowCount = passed;
      }
      if (passed >= high) {
        return new ContenderRounds.Run(
            name, round, (passed - lowCount) / ((now - lowAt) / 1e9), window.perLine());
      }
      if (now > deadline || (!alive.getAsBoolean() && passed < high)) {
        throw new IllegalStateException(
            name + " reached " + passed + " of " + events + ":\n" + log.read());
      }
      Thread.sleep(20);
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
      case "flumekit" -> "flumekit KafkaSink (kafka-clients 4.3.1) in an agent";
      default ->
          "the same agent with Flume's null sink (batchSize "
              + BATCH
              + "), counted by its channel's takes";
    };
  }

  private String report(ContenderRounds runs, List<String> contenders, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Kafka sink benchmark: %,d events of %.0f bytes on average per run, batch %d, acks=all,"
                + " snappy, linger.ms 5, batch.size 262144, idempotent (the same producer settings"
                + " for all three writers), one local KRaft broker, %d partition(s); %d rounds, the"
                + " order rotated by round%n%n",
            events, averageLineBytes, BATCH, partitions, rounds));
    for (String c : contenders) {
      out.append("- ").append(c).append(": ").append(label(c)).append('\n');
    }
    out.append(
        "\nEvents/s over the middle 80% of each run; CPU and allocation per event of the"
            + " contender's JVM between 20% and 80% of its events.\n\n");
    out.append(String.join("\n", runs.table())).append("\n");
    out.append("\nMedians of ").append(rounds).append(" rounds:\n\n");
    out.append(String.join("\n", runs.medians())).append("\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%nMedians of the per-round ratios: flumekit/Flume = %.2f, flumekit/raw = %.2f,"
                + " flumekit/ceiling = %.2f, flumekit/min(raw, ceiling) = %.2f (target >= 0.9),"
                + " flumekit/serial floor 1/(1/raw + 1/ceiling) = %.2f (the raw producer's work and"
                + " the ceiling's on the same CPU), ceiling/raw = %.2f%n",
            runs.medianRatio("flumekit", "flume"),
            runs.medianRatio("flumekit", "raw"),
            runs.medianRatio("flumekit", "ceiling"),
            runs.medianRatioToLower("flumekit", "raw", "ceiling"),
            runs.medianRatioToSerial("flumekit", "raw", "ceiling"),
            runs.medianRatio("ceiling", "raw")));
    out.append(AgentMeasurements.machine()).append('\n');
    return out.toString();
  }
}
