package dev.flumekit.bench;

import dev.flumekit.hbase.HBaseSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.Sink;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.sink.hbase2.HBase2Sink;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * One contender of {@link HBaseSinkBenchmark} in a JVM of its own ({@link ContenderProcess}): a
 * warm-up pass of a fifth of the events on table {@code <table>_w}, then, on the go, the measured
 * pass on {@code <table>}. Contenders: {@code raw} (BufferedMutator puts), {@code flume} (Flume's
 * HBase2Sink), {@code flumekit} (flumekit's HBase sink), {@code rawinc} (one increment per event),
 * {@code counters} (flumekit's coalesced counters). Each sink drains a pre-filled memory channel as
 * Flume's SinkRunner would. Publishes {@code drainNanos} and, for counters, {@code increments}.
 * Usage: {@code HBaseSinkContender <progress> <contender> <table> <zookeeper quorum> <events>
 * <course keys>}.
 */
public final class HBaseSinkContender {
  static final int BATCH = 1000;
  private static final byte[] FAMILY = Bytes.toBytes("d");
  private static final byte[] BODY = Bytes.toBytes("body");

  private final String contender;
  private final String quorum;
  private final int events;
  private final byte[][] lines;
  private final String[] courses;

  private HBaseSinkContender(String contender, String quorum, int events, int courseCount) {
    this.contender = contender;
    this.quorum = quorum;
    this.events = events;
    this.lines = AccessLogLines.generate(events, 11L);
    this.courses = HBaseSinkBenchmark.zipfCourses(events, courseCount, 1.1, 5L);
  }

  public static void main(String[] args) throws Exception {
    ContenderProcess.Child child = new ContenderProcess.Child(Path.of(args[0]));
    String contender = args[1];
    String table = args[2];
    String quorum = args[3];
    int events = Integer.parseInt(args[4]);
    int courseCount = Integer.parseInt(args[5]);
    new HBaseSinkContender(contender, quorum, Math.max(events / 5, BATCH), courseCount)
        .pass(table + "_w", count -> {});
    child.warmedUp();
    HBaseSinkContender measured = new HBaseSinkContender(contender, quorum, events, courseCount);
    Map<String, Long> results = new HashMap<>();
    results.put("drainNanos", measured.pass(table, child::passed));
    if (contender.equals("counters")) {
      results.put("increments", PrefilledChannel.sinkAttribute(table, "IncrementCount"));
    }
    child.done(results);
    System.exit(0); // the HBase client's threads would keep the JVM up
  }

  /** Writes the events to {@code table}; returns the nanoseconds it took. */
  private long pass(String table, PrefilledChannel.Taken taken) throws Exception {
    return switch (contender) {
      case "raw" -> rawPuts(table, taken);
      case "rawinc" -> rawIncrements(table, taken);
      case "flume" -> drain(new HBase2Sink(), table, flumeConfig(table), taken);
      case "flumekit" -> drain(new HBaseSink(), table, flumekitConfig(table), taken);
      case "counters" -> drain(new HBaseSink(), table, countersConfig(table), taken);
      default ->
          throw new IllegalArgumentException(
              "contender " + contender + " is not one of raw, rawinc, flume, flumekit, counters");
    };
  }

  private Connection connect() throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set(HConstants.ZOOKEEPER_QUORUM, quorum);
    return ConnectionFactory.createConnection(conf);
  }

  private long rawPuts(String table, PrefilledChannel.Taken taken) throws Exception {
    try (Connection connection = connect()) {
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
            taken.taken(i + 1);
          }
        }
      }
      return System.nanoTime() - start;
    }
  }

  private long rawIncrements(String table, PrefilledChannel.Taken taken) throws Exception {
    try (Connection connection = connect()) {
      long start = System.nanoTime();
      try (BufferedMutator mutator =
          connection.getBufferedMutator(
              new BufferedMutatorParams(TableName.valueOf(table)).writeBufferSize(4L << 20))) {
        for (int i = 0; i < events; i++) {
          mutator.mutate(
              new Increment(Bytes.toBytes("20261121_" + courses[i]))
                  .addColumn(FAMILY, Bytes.toBytes("clicks"), 1));
          if ((i + 1) % BATCH == 0 || i == events - 1) {
            mutator.flush();
            taken.taken(i + 1);
          }
        }
      }
      return System.nanoTime() - start;
    }
  }

  private Map<String, String> flumeConfig(String table) {
    Map<String, String> config = sinkConfig(table);
    config.put("serializer.payloadColumn", "body");
    config.put("serializer.incrementColumn", "");
    return config;
  }

  private Map<String, String> flumekitConfig(String table) {
    Map<String, String> config = sinkConfig(table);
    config.put("rowKey", "%{id}");
    config.put("headerColumns", "none");
    config.put("eventTimeCells", "false");
    return config;
  }

  private Map<String, String> countersConfig(String table) {
    Map<String, String> config = sinkConfig(table);
    config.put("serializer", "counters");
    config.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    config.put("counterColumn", "clicks");
    return config;
  }

  /** The sink settings every contender shares: family d, batches, quorum. */
  private Map<String, String> sinkConfig(String table) {
    Map<String, String> config = new HashMap<>();
    config.put("table", table);
    config.put("columnFamily", "d");
    config.put("batchSize", Integer.toString(BATCH));
    config.put("zookeeperQuorum", quorum);
    return config;
  }

  /** Fills a memory channel, then times the sink (named as its table) draining it. */
  private long drain(
      Sink sink, String table, Map<String, String> config, PrefilledChannel.Taken taken)
      throws Exception {
    try (PrefilledChannel channel =
        new PrefilledChannel("c_" + table, events, BATCH, this::event)) {
      channel.attach(sink, table, config);
      try {
        return channel.drainNanos(sink, taken);
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
}
