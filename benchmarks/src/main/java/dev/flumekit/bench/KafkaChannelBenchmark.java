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
 * batches into the channel, a sink that drops what it takes ({@link DrainSink}) takes batches of
 * the same size out of it, so every event is written to Kafka and read back with its offsets
 * committed. flumekit's KafkaChannel against Flume 1.11's own, in turns on one local broker, a
 * topic of {@code partitions} partitions each, both with what flumekit ships (batches of 5,000,
 * values as written: {@code parseAsFlumeEvent = false}) and flumekit's producer settings (acks=all,
 * snappy, idempotent, linger.ms 5, batch.size 256 KiB) and consumer's {@code max.poll.records}.
 * Throughput is events taken per second over the middle 80% of each run, from the agent's
 * monitoring; beside it the agent's CPU and allocation per event between 20% and 80% ({@link
 * ProcessWindow}). Usage: {@code benchmarks/kafka-channel.sh [events] [rounds] [partitions]};
 * {@code -Dchannel.batch=1000} and {@code -Dchannel.parseAsFlumeEvent=true} run the earlier
 * settings.
 */
public final class KafkaChannelBenchmark {
  private static final int BATCH = Integer.getInteger("channel.batch", 5000);
  private static final String PARSE_AS_FLUME_EVENT =
      System.getProperty("channel.parseAsFlumeEvent", "false");

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
    // 1,000,000 events lasted about 3 s a run, while C2 compiled: long runs measure the channels
    long events = args.length > 0 ? Long.parseLong(args[0]) : 4_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "channel-run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    BenchmarkHome.installBenchPlugin(root, flumeHome);
    ContenderRounds results = new ContenderRounds("event");
    List<String> contenders =
        List.of(System.getProperty("channel.contenders", "flumekit,flume,raw,memory").split(","));
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      KafkaChannelBenchmark bench =
          new KafkaChannelBenchmark(work, broker, flumeHome, events, partitions);
      for (int round = 1; round <= rounds; round++) {
        for (String contender : ContenderRounds.order(contenders, round)) {
          results.add(bench.run(contender, round));
        }
      }
    }
    report(results, events, partitions, contenders);
  }

  private ContenderRounds.Run run(String contender, int round) throws Exception {
    String topic = contender + "-" + round;
    broker.createTopic(topic, partitions);
    if (contender.equals("raw")) {
      // the floor: the same records put and taken with flumekit's producer settings and poll size
      return RawRun.measure(
          label(contender),
          round,
          RawChannel.class,
          List.of(
              broker.bootstrapServers(),
              topic,
              Long.toString(events),
              Integer.toString(BATCH),
              "producer.acks=all",
              "producer.compression.type=snappy",
              "producer.linger.ms=5",
              "producer.batch.size=262144",
              "producer.enable.idempotence=true",
              "consumer.max.poll.records=1000"),
          "taken",
          events,
          work,
          topic);
    }
    Path conf = Files.createDirectories(work.resolve("conf-" + topic));
    FlumeAgent.writeLog4jConfig(conf, Map.of("org.apache.kafka", "WARN"));
    // memory: the ceiling, Flume's own transaction and channel calls with no Kafka at all; ten
    // times the events, or the run is over before the window has samples
    long total = contender.equals("memory") ? events * 10 : events;
    String type =
        switch (contender) {
          case "flumekit" -> "dev.flumekit.kafka.KafkaChannel";
          case "memory" -> "memory";
          default -> "org.apache.flume.channel.kafka.KafkaChannel";
        };
    StringBuilder c = new StringBuilder();
    c.append("a1.sources = gen\na1.channels = kafka\na1.sinks = null\n");
    c.append("a1.sources.gen.type = dev.flumekit.bench.AccessLogSource\n");
    c.append("a1.sources.gen.totalEvents = ").append(total).append('\n');
    c.append("a1.sources.gen.batchSize = ").append(BATCH).append('\n');
    c.append("a1.sources.gen.channels = kafka\n");
    c.append("a1.channels.kafka.type = ").append(type).append('\n');
    if (contender.equals("memory")) {
      c.append("a1.channels.kafka.capacity = ").append(BATCH * 20).append('\n');
      c.append("a1.channels.kafka.transactionCapacity = ").append(BATCH).append('\n');
    }
    c.append("a1.channels.kafka.kafka.bootstrap.servers = ")
        .append(broker.bootstrapServers())
        .append('\n');
    c.append("a1.channels.kafka.kafka.topic = ").append(topic).append('\n');
    c.append("a1.channels.kafka.kafka.consumer.group.id = ").append(topic).append('\n');
    c.append("a1.channels.kafka.kafka.consumer.auto.offset.reset = earliest\n");
    c.append("a1.channels.kafka.parseAsFlumeEvent = ").append(PARSE_AS_FLUME_EVENT).append('\n');
    c.append("a1.channels.kafka.kafka.producer.acks = all\n");
    c.append("a1.channels.kafka.kafka.producer.compression.type = snappy\n");
    if (contender.equals("flumekit")) {
      c.append("a1.channels.kafka.deadLetter = file:").append(work.resolve("dlq")).append('\n');
    } else if (contender.equals("flume")) {
      // flumekit's producer defaults (lingerMs, batchBytes, idempotence with acks=all) and its
      // channel's max.poll.records, where Flume's channel keeps the client's (0 ms, 16 KiB, off,
      // 500)
      c.append("a1.channels.kafka.kafka.producer.linger.ms = 5\n");
      c.append("a1.channels.kafka.kafka.producer.batch.size = 262144\n");
      c.append("a1.channels.kafka.kafka.producer.enable.idempotence = true\n");
      c.append("a1.channels.kafka.kafka.consumer.max.poll.records = 1000\n");
    }
    // not Flume's null sink: it sleeps a second after every short batch (DrainSink)
    c.append("a1.sinks.null.type = ").append(DrainSink.class.getName()).append('\n');
    c.append("a1.sinks.null.channel = kafka\n");
    c.append("a1.sinks.null.batchSize = ").append(BATCH).append('\n');
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, c);
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    Path gcLog = work.resolve("logs/" + topic + "-gc.log");
    Files.createDirectories(gcLog.getParent());
    List<String> options = new ArrayList<>(metrics.jvmOptions());
    options.addAll(
        List.of("-Xmx1g", "-Xms1g", "-XX:+UseG1GC", AgentMeasurements.gcLogOption(gcLog)));
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
      ProcessWindow window = new ProcessWindow(agent.pid(), gcLog, total);
      long low = total / 10;
      long high = total - total / 10;
      long lowAt = 0;
      long lowCount = 0;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (true) {
        long now = System.nanoTime();
        long taken =
            (long)
                FlumeMetrics.value(metrics.fetch(), "CHANNEL.kafka", "EventTakeSuccessCount")
                    .orElse(0);
        window.sample(taken);
        if (lowAt == 0 && taken >= low) {
          lowAt = now;
          lowCount = taken;
        }
        if (taken >= high) {
          double rate = (taken - lowCount) / ((now - lowAt) / 1e9);
          SteadyState.PerLine steady = window.perLine();
          System.out.printf(
              "[%s] %,.0f events/s put and taken; steady state: %s per event%n",
              topic, rate, steady);
          return new ContenderRounds.Run(label(contender), round, rate, steady);
        }
        if (now > deadline || !agent.isAlive()) {
          throw new IllegalStateException(topic + " took " + taken + ":\n" + agent.log());
        }
        Thread.sleep(20);
      }
    }
  }

  private static void report(
      ContenderRounds results, long events, int partitions, List<String> ran) {
    double lineBytes =
        Stream.of(AccessLogLines.generate(65536, 42L)).mapToInt(l -> l.length).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%nKafka channel benchmark: put and take of %,d access-log lines (%.0f bytes on average)"
            + " per run, batches of %d, parseAsFlumeEvent = %s, acks=all, snappy, idempotent,"
            + " linger.ms 5, batch.size 256 KiB, one local broker, %d partitions; events/s between"
            + " 10%% and 90%% of the run, the agent's CPU and allocation per event between 20%% and"
            + " 80%%%n%n",
        events,
        lineBytes,
        BATCH,
        PARSE_AS_FLUME_EVENT,
        partitions);
    results.table().forEach(System.out::println);
    System.out.println();
    results.medians().forEach(System.out::println);
    System.out.println();
    if (ran.contains("flumekit") && ran.contains("flume")) {
      System.out.println(results.ratios(label("flumekit"), label("flume")));
    }
    if (ran.contains("flume-defaults")) {
      System.out.println(results.ratios(label("flume"), label("flume-defaults")));
    }
    // the floors: the raw program's put and take, and Flume's own channel calls (memory)
    for (String floor : List.of("raw", "memory")) {
      if (ran.contains(floor)) {
        for (String other : List.of("flumekit", "flume")) {
          if (ran.contains(other)) {
            System.out.println(results.ratios(label(other), label(floor)));
          }
        }
      }
    }
    if (ran.contains("raw") && ran.contains("flume")) {
      System.out.println(results.ratios(label("raw"), label("flume")));
    }
    // on 2 CPU-bound cores an agent pays the Kafka work and Flume's calls one after the other
    if (ran.contains("raw") && ran.contains("memory")) {
      for (String other : List.of("flumekit", "flume")) {
        if (ran.contains(other)) {
          System.out.printf(
              Locale.ROOT,
              "%s / serial floor 1/(1/raw + 1/memory): median %.2f%n",
              label(other),
              results.medianRatioToSerial(label(other), label("raw"), label("memory")));
        }
      }
    }
    System.out.println(AgentMeasurements.machine());
  }

  private static String label(String contender) {
    return switch (contender) {
      case "flumekit" -> "flumekit KafkaChannel (kafka-clients 4.3.1)";
      case "flume" -> "Flume 1.11.0 KafkaChannel (kafka-clients 2.7.2)";
      case "raw" -> "raw put + take (no Flume: producer and consumer threads, kafka-clients 4.3.1)";
      case "memory" -> "Flume MemoryChannel (the ceiling: no Kafka)";
      case "flume-defaults" ->
          "Flume 1.11.0 KafkaChannel, its own producer and poll settings (kafka-clients 2.7.2)";
      default ->
          throw new IllegalArgumentException(
              "channel.contenders: "
                  + contender
                  + " is not a contender; use flumekit, flume, raw, memory or flume-defaults");
    };
  }
}
