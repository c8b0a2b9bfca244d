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
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run, one local broker, one topic of realistic access-log lines written beforehand: Flume
 * 1.11's KafkaSource (kafka-clients 2.7.2) and flumekit's KafkaSource, each in an agent of its own
 * (source → memory channel → {@link DrainSink}, batches of 5,000 as flumekit ships its Kafka reads,
 * its own consumer group), reading the whole topic; Flume's consumer fetches as many records a poll
 * as flumekit's ({@code max.poll.records} = the batch). The order rotates each round. Throughput is
 * what the source's EventAcceptedCount shows over the middle 80% of the run; beside it the agent's
 * CPU and allocation per event between 20% and 80% ({@link ProcessWindow}). Usage: {@code
 * benchmarks/kafka-source.sh [records] [rounds]}; {@code -Dsource.batch=1000} runs the earlier
 * batches, {@code -Dsource.contenders=flumekit,flume,flume-defaults} adds Flume's source at its
 * defaults, {@code -Dsource.sinkReadsHeaders=true} has the sink read every header.
 */
public final class KafkaSourceBenchmark {
  private static final Pattern ACCEPTED =
      Pattern.compile("\"SOURCE\\.r1\":\\{[^}]*\"EventAcceptedCount\":\"(\\d+)\"");

  private static final int BATCH = Integer.getInteger("source.batch", 5000);

  /**
   * Whether the sink reads every header of every event (as a sink that routes or keys by headers
   * does): flumekit's events build their header map only when first read.
   */
  private static final boolean SINK_READS_HEADERS = Boolean.getBoolean("source.sinkReadsHeaders");

  /** Contenders by the name {@code -Dsource.contenders} takes. */
  private static final Map<String, String> LABELS =
      Map.of(
          "flumekit", "flumekit KafkaSource",
          "flume", "Flume 1.11 KafkaSource",
          "flume-defaults", "Flume 1.11 KafkaSource, its defaults (batches of 1,000, 500 a poll)",
          "raw", "raw consumer (no Flume: poll and commit, kafka-clients 4.3.1)",
          "generator", "generating source (the ceiling: no Kafka, Flume's channel and sink)");

  public static void main(String[] args) throws Exception {
    // at 1M events/s a topic of 2,000,000 was read in 2 s, still compiling: C2's threads took up
    // to half of an agent's CPU, and more of flumekit's than of Flume's
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 8_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "source-run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    BenchmarkHome.installBenchPlugin(root, flumeHome);
    ContenderRounds results = new ContenderRounds("event");
    List<String> contenders =
        List.of(System.getProperty("source.contenders", "flumekit,flume,raw,generator").split(","));
    for (String contender : contenders) {
      if (!LABELS.containsKey(contender)) {
        throw new IllegalArgumentException(
            "source.contenders: "
                + contender
                + " is not a contender; use one of "
                + LABELS.keySet());
      }
    }
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      broker.createTopic("lines", 3);
      produce(broker, records);
      for (int round = 1; round <= rounds; round++) {
        for (String contender : ContenderRounds.order(contenders, round)) {
          results.add(run(broker, flumeHome, work, contender, round, records));
        }
      }
    }
    System.out.printf(
        "%nKafka source benchmark: %,d records (mean 189 bytes, 3 partitions), batches of %d,"
            + " the sink %s; events/s between 10%% and 90%% of the topic, the agent's CPU and allocation per"
            + " event between 20%% and 80%%%n%n",
        records,
        BATCH,
        SINK_READS_HEADERS ? "reading every header of every event" : "reading no header");
    results.table().forEach(System.out::println);
    System.out.println();
    results.medians().forEach(System.out::println);
    System.out.println();
    if (contenders.contains("flumekit") && contenders.contains("flume")) {
      System.out.println(results.ratios(LABELS.get("flumekit"), LABELS.get("flume")));
    }
    if (contenders.contains("flume-defaults")) {
      System.out.println(results.ratios(LABELS.get("flume"), LABELS.get("flume-defaults")));
    }
    // the floors: a consumer alone, and Flume's channel and sink fed by a source without Kafka
    for (String floor : List.of("raw", "generator")) {
      if (contenders.contains(floor)) {
        for (String other : List.of("flumekit", "flume")) {
          if (contenders.contains(other)) {
            System.out.println(results.ratios(LABELS.get(other), LABELS.get(floor)));
          }
        }
      }
    }
    if (contenders.contains("raw") && contenders.contains("flume")) {
      System.out.println(results.ratios(LABELS.get("raw"), LABELS.get("flume")));
    }
    // on 2 CPU-bound cores an agent pays the consumer's work and Flume's calls one after the other
    if (contenders.contains("raw") && contenders.contains("generator")) {
      for (String other : List.of("flumekit", "flume")) {
        if (contenders.contains(other)) {
          System.out.printf(
              Locale.ROOT,
              "%s / serial floor 1/(1/raw + 1/generator): median %.2f%n",
              LABELS.get(other),
              results.medianRatioToSerial(
                  LABELS.get(other), LABELS.get("raw"), LABELS.get("generator")));
        }
      }
    }
    System.out.println(AgentMeasurements.machine());
  }

  private static void produce(KafkaBroker broker, int records) {
    byte[][] lines = AccessLogLines.generate(65536, 42L);
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("linger.ms", "10");
    p.put("batch.size", "262144");
    p.put("compression.type", "snappy");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>("lines", lines[i & 65535]));
      }
    }
  }

  private static ContenderRounds.Run run(
      KafkaBroker broker, Path flumeHome, Path work, String contender, int round, int records)
      throws Exception {
    String name = contender + "-" + round;
    if (contender.equals("raw")) {
      return RawRun.measure(
          LABELS.get(contender),
          round,
          RawConsumer.class,
          List.of(
              broker.bootstrapServers(),
              "lines",
              name,
              Integer.toString(records),
              Integer.toString(BATCH),
              "max.poll.records=" + Math.min(BATCH, 10_000)),
          "taken",
          records,
          work,
          name);
    }
    // generator: ten times the events, or the run is over before the window has samples
    long total = contender.equals("generator") ? records * 10L : records;
    String type =
        switch (contender) {
          case "flumekit" -> "dev.flumekit.kafka.KafkaSource";
          case "generator" -> AccessLogSource.class.getName();
          default -> "org.apache.flume.source.kafka.KafkaSource";
        };
    boolean flumeDefaults = contender.equals("flume-defaults");
    int batch = flumeDefaults ? 1000 : BATCH;
    // flumekit polls up to a batch (at most 10,000) at a time; Flume's consumer 500 by default
    String maxPollRecords = flumeDefaults ? "500" : Integer.toString(Math.min(BATCH, 10_000));
    Path conf = Files.createDirectories(work.resolve("conf-" + name));
    FlumeAgent.writeLog4jConfig(conf, Map.of("org.apache.kafka", "WARN"));
    String properties =
        String.join(
            "\n",
            "a1.sources = r1",
            "a1.channels = c1",
            "a1.sinks = k1",
            "a1.sources.r1.type = " + type,
            "a1.sources.r1.channels = c1",
            "a1.sources.r1.kafka.bootstrap.servers = " + broker.bootstrapServers(),
            "a1.sources.r1.kafka.topics = lines",
            "a1.sources.r1.kafka.consumer.group.id = " + name,
            "a1.sources.r1.kafka.consumer.auto.offset.reset = earliest",
            "a1.sources.r1.batchSize = " + batch,
            "a1.sources.r1.kafka.consumer.max.poll.records = " + maxPollRecords,
            "a1.sources.r1.batchDurationMillis = 1000",
            "a1.channels.c1.type = memory",
            "a1.channels.c1.capacity = 100000",
            "a1.channels.c1.transactionCapacity = " + BATCH,
            // not Flume's null sink: it sleeps a second after every short batch (DrainSink)
            "a1.sinks.k1.type = " + DrainSink.class.getName(),
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.batchSize = " + BATCH,
            "a1.sinks.k1.readHeaders = " + SINK_READS_HEADERS,
            "");
    if (contender.equals("generator")) {
      // only the generator has the key: flumekit's source refuses a key it does not know
      properties += "a1.sources.r1.totalEvents = " + total + "\n";
    }
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, properties);
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    Path gcLog = work.resolve("logs/" + name + "-gc.log");
    Files.createDirectories(gcLog.getParent());
    List<String> options = new ArrayList<>(metrics.jvmOptions());
    // the heap and collector the raw consumer gets (RawRun), so that GC compares like for like
    options.addAll(
        List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", AgentMeasurements.gcLogOption(gcLog)));
    // e.g. -Dsource.agentOptions=-XX:StartFlightRecording=filename=/tmp/{run}.jfr to profile
    for (String option : System.getProperty("source.agentOptions", "").split(" ")) {
      if (!option.isBlank()) {
        options.add(option.replace("{run}", name));
      }
    }
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, conf, file, "a1", options, work.resolve("logs/" + name + ".log"))) {
      ProcessWindow window = new ProcessWindow(agent.pid(), gcLog, total);
      long startNanos = 0;
      long startCount = 0;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (!agent.isAlive()) {
          throw new IllegalStateException(name + " died:\n" + agent.log());
        }
        String json = metrics.fetch();
        // the generating source keeps no source counters: its events are counted as the
        // channel's puts, which for a source are the events it has handed over
        long accepted =
            contender.equals("generator")
                ? (long) FlumeMetrics.value(json, "CHANNEL.c1", "EventPutSuccessCount").orElse(0)
                : accepted(json);
        long now = System.nanoTime();
        window.sample(accepted);
        if (startNanos == 0 && accepted >= total / 10) {
          startNanos = now;
          startCount = accepted;
        }
        if (accepted >= total * 9L / 10) {
          double rate = (accepted - startCount) / ((now - startNanos) / 1e9);
          SteadyState.PerLine steady = window.perLine();
          System.out.printf(
              "[%s] %,.0f events/s; steady state: %s per event%n", name, rate, steady);
          return new ContenderRounds.Run(LABELS.get(contender), round, rate, steady);
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(name + " did not finish:\n" + agent.log());
    }
  }

  private static long accepted(String metricsJson) {
    Matcher m = ACCEPTED.matcher(metricsJson);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
