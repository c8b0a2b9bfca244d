package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * (source → memory channel → null sink, batches of 1000, its own consumer group), reading the whole
 * topic. Throughput is what the source's EventAcceptedCount shows over the middle 80% of the run.
 * Usage: {@code benchmarks/kafka-source.sh [records] [rounds]}.
 */
public final class KafkaSourceBenchmark {
  private static final Pattern ACCEPTED =
      Pattern.compile("\"SOURCE\\.r1\":\\{[^}]*\"EventAcceptedCount\":\"(\\d+)\"");

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "source-run");
    Path flumeHome = BenchmarkHome.flumeHome(root, work);
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"))) {
      broker.createTopic("lines", 3);
      produce(broker, records);
      List<String> rows = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double flume =
            run(
                broker,
                flumeHome,
                work,
                "flume-" + round,
                "org.apache.flume.source.kafka.KafkaSource",
                records);
        double flumekit =
            run(
                broker,
                flumeHome,
                work,
                "flumekit-" + round,
                "dev.flumekit.kafka.KafkaSource",
                records);
        rows.add(
            String.format(
                "| %d | %,.0f | %,.0f | %.2f |", round, flume, flumekit, flumekit / flume));
      }
      System.out.printf(
          "%nKafka source benchmark: %,d records (mean 189 bytes, 3 partitions), batches of 1000%n",
          records);
      System.out.println(
          "| Round | Flume 1.11 KafkaSource ev/s | flumekit KafkaSource ev/s | ratio |");
      System.out.println("|---|---|---|---|");
      rows.forEach(System.out::println);
      System.out.printf(
          "Machine: %d cores, %s %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"));
    }
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

  private static double run(
      KafkaBroker broker, Path flumeHome, Path work, String name, String type, int records)
      throws Exception {
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
            "a1.sources.r1.batchSize = 1000",
            "a1.sources.r1.batchDurationMillis = 1000",
            "a1.channels.c1.type = memory",
            "a1.channels.c1.capacity = 100000",
            "a1.channels.c1.transactionCapacity = 1000",
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.batchSize = 1000",
            "");
    Path file = conf.resolve("agent.conf");
    Files.writeString(file, properties);
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    List<String> options = new ArrayList<>(metrics.jvmOptions());
    options.add("-Xmx1g");
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, conf, file, "a1", options, work.resolve("logs/" + name + ".log"))) {
      long startNanos = 0;
      long startCount = 0;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (!agent.isAlive()) {
          throw new IllegalStateException(name + " died:\n" + agent.log());
        }
        long accepted = accepted(metrics.fetch());
        long now = System.nanoTime();
        if (startNanos == 0 && accepted >= records / 10) {
          startNanos = now;
          startCount = accepted;
        }
        if (accepted >= records * 9L / 10) {
          return (accepted - startCount) / ((now - startNanos) / 1e9);
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
