package dev.flumekit.bench;

import dev.flumekit.hbase.HBaseSink;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.management.ObjectName;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.sink.hbase2.HBase2Sink;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * One run, one local HBase 2.6 (mini cluster, one region server, local file system), everything in
 * this JVM: raw BufferedMutator puts, Flume 1.11's HBase2Sink and flumekit's HBase sink on the same
 * events (realistic access-log lines, one cell each) and batch size, each sink draining a
 * pre-filled MemoryChannel as Flume's SinkRunner would; then counters on Zipf-distributed course
 * keys: one raw increment per event against flumekit's coalesced increments. Usage: {@code
 * benchmarks/hbase-sink.sh [events] [rounds]}.
 */
public final class HBaseSinkBenchmark {
  private static final int BATCH = 1000;
  private static final byte[] FAMILY = Bytes.toBytes("d");
  private static final byte[] BODY = Bytes.toBytes("body");

  private final MiniHBase hbase;
  private final byte[][] lines;
  private final String[] courses;
  private final int events;
  private final int courseCount;

  private HBaseSinkBenchmark(MiniHBase hbase, int events, int courseCount) {
    this.hbase = hbase;
    this.events = events;
    this.courseCount = courseCount;
    this.lines = AccessLogLines.generate(events, 11L);
    this.courses = zipfCourses(events, courseCount, 1.1, 5L);
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    MiniHBase hbase = new MiniHBase();
    hbase.start();
    try {
      // one unmeasured pass of every contender, so that none pays the JIT and the fresh cluster
      HBaseSinkBenchmark warmUp = new HBaseSinkBenchmark(hbase, Math.max(events / 5, BATCH), 100);
      warmUp.round(0);
      warmUp.counters(0);
      List<String> puts = new ArrayList<>();
      List<String> counters = new ArrayList<>();
      HBaseSinkBenchmark bench = new HBaseSinkBenchmark(hbase, events, 100);
      HBaseSinkBenchmark wide = new HBaseSinkBenchmark(hbase, events, 1000);
      for (int round = 1; round <= rounds; round++) {
        double[] r = bench.round(round);
        puts.add(
            String.format(
                "| %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f |",
                round, r[0], r[1], r[2], r[2] / r[0], r[2] / r[1]));
        double[] narrow = bench.counters(round);
        double[] wider = wide.counters(round + 100);
        counters.add(
            String.format(
                "| %d | %,.0f | %,.0f | %.4f (1/%.0f) | %,.0f | %,.0f | %.4f (1/%.0f) |",
                round,
                narrow[0],
                narrow[1],
                narrow[2],
                1 / narrow[2],
                wider[0],
                wider[1],
                wider[2],
                1 / wider[2]));
      }
      System.out.printf(
          "%nHBase sink benchmark: %,d events per contender, batches of %d, 1 cell per event%n",
          events, BATCH);
      System.out.println(
          "| Round | raw BufferedMutator puts ev/s | Flume 1.11 HBase2Sink ev/s | flumekit ev/s"
              + " | flumekit/raw | flumekit/Flume |");
      System.out.println("|---|---|---|---|---|---|");
      puts.forEach(System.out::println);
      System.out.println(
          "\nCounters, Zipf(1.1) course keys, one counter per course and day:\n"
              + "| Round | 100 keys: raw increments ev/s | flumekit ev/s | increments per event"
              + " | 1000 keys: raw increments ev/s | flumekit ev/s | increments per event |");
      System.out.println("|---|---|---|---|---|---|---|");
      counters.forEach(System.out::println);
      System.out.println(AgentMeasurements.machine());
    } finally {
      hbase.stop();
    }
  }

  /** Puts: raw, Flume's sink, flumekit's sink, in an order that rotates with the round. */
  private double[] round(int round) throws Exception {
    double[] rates = new double[3];
    for (int k = 0; k < 3; k++) {
      int contender = (k + round) % 3;
      rates[contender] =
          switch (contender) {
            case 0 -> rawPuts(round);
            case 1 -> flumeSink(round);
            default -> flumekitSink(round);
          };
    }
    return rates;
  }

  /** Raw increments ev/s, flumekit counters ev/s, flumekit increments sent per event. */
  private double[] counters(int round) throws Exception {
    double raw = rawIncrements(round);
    double[] flumekit = flumekitCounters(round);
    return new double[] {raw, flumekit[0], flumekit[1]};
  }

  private double rawPuts(int round) throws Exception {
    String table = "raw_" + round;
    hbase.createTable(table, "d");
    Connection connection = hbase.connection();
    long start = System.nanoTime();
    try (BufferedMutator mutator =
        connection.getBufferedMutator(
            new BufferedMutatorParams(TableName.valueOf(table)).writeBufferSize(4L << 20))) {
      List<Put> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < events; i++) {
        batch.add(new Put(Bytes.toBytes(rowKey(i))).addColumn(FAMILY, BODY, lines[i]));
        if (batch.size() == BATCH || i == events - 1) {
          mutator.mutate(batch);
          mutator.flush();
          batch.clear();
        }
      }
    }
    return rate(start);
  }

  private double rawIncrements(int round) throws Exception {
    String table = "rawinc_" + round + "_" + courseCount;
    hbase.createTable(table, "d");
    long start = System.nanoTime();
    try (BufferedMutator mutator =
        hbase
            .connection()
            .getBufferedMutator(
                new BufferedMutatorParams(TableName.valueOf(table)).writeBufferSize(4L << 20))) {
      for (int i = 0; i < events; i++) {
        mutator.mutate(
            new Increment(Bytes.toBytes("20261121_" + courses[i]))
                .addColumn(FAMILY, Bytes.toBytes("clicks"), 1));
        if ((i + 1) % BATCH == 0) {
          mutator.flush();
        }
      }
    }
    return rate(start);
  }

  private double flumeSink(int round) throws Exception {
    String table = "flume_" + round;
    Map<String, String> config = sinkConfig(table);
    config.put("serializer.payloadColumn", "body");
    config.put("serializer.incrementColumn", "");
    HBase2Sink sink = new HBase2Sink();
    return drain(sink, "flume_" + round, config);
  }

  private double flumekitSink(int round) throws Exception {
    String table = "flumekit_" + round;
    Map<String, String> config = sinkConfig(table);
    config.put("rowKey", "%{id}");
    config.put("headerColumns", "none");
    config.put("eventTimeCells", "false");
    return drain(new HBaseSink(), "flumekit_" + round, config);
  }

  /** Events/s of flumekit's counters mode, and increment mutations sent per event. */
  private double[] flumekitCounters(int round) throws Exception {
    String table = "counters_" + round + "_" + courseCount;
    Map<String, String> config = sinkConfig(table);
    config.put("serializer", "counters");
    config.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    config.put("counterColumn", "clicks");
    String name = "counters_" + round + "_" + courseCount;
    double rate = drain(new HBaseSink(), name, config);
    long increments =
        ((Number)
                ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(
                        new ObjectName("org.apache.flume.sink:type=" + name), "IncrementCount"))
            .longValue();
    return new double[] {rate, (double) increments / events};
  }

  /** A fresh table, and the sink settings every contender shares: family d, batches, quorum. */
  private Map<String, String> sinkConfig(String table) throws Exception {
    hbase.createTable(table, "d");
    Map<String, String> config = new HashMap<>();
    config.put("table", table);
    config.put("columnFamily", "d");
    config.put("batchSize", Integer.toString(BATCH));
    config.put("zookeeperQuorum", hbase.zookeeperQuorum());
    return config;
  }

  /** Fills a memory channel, then times the sink draining it. */
  private double drain(Sink sink, String name, Map<String, String> config) throws Exception {
    try (PrefilledChannel channel = new PrefilledChannel("c_" + name, events, BATCH, this::event)) {
      channel.attach(sink, name, config);
      try {
        return events / (PrefilledChannel.drainNanos(sink) / 1e9);
      } finally {
        sink.stop();
      }
    }
  }

  private Event event(int i) {
    Map<String, String> headers = new HashMap<>();
    headers.put("id", rowKey(i));
    headers.put("course", courses[i]);
    headers.put("timestamp", "1795278600000");
    return EventBuilder.withBody(lines[i], headers);
  }

  private static String rowKey(int i) {
    String digits = Integer.toString(i);
    return "0".repeat(10 - digits.length()) + digits;
  }

  private double rate(long startNanos) {
    return events / ((System.nanoTime() - startNanos) / 1e9);
  }

  /** Course ids drawn from a Zipf distribution: a few courses get most clicks. */
  static String[] zipfCourses(int count, int keys, double exponent, long seed) {
    double[] cumulative = new double[keys];
    double sum = 0;
    for (int k = 0; k < keys; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cumulative[k] = sum;
    }
    Random random = new Random(seed);
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      out[i] = Integer.toString(100 + lo);
    }
    return out;
  }
}
