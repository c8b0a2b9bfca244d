package dev.flumekit.bench;

import dev.flumekit.hbase.HBaseSink;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

/**
 * One contender of {@link CountingBenchmark} in a JVM of its own ({@link ContenderProcess}):
 * flumekit's HBase sink in one counting mode draining a pre-filled memory channel, a warm-up pass
 * of a fifth of the events on table {@code <table>_w}, then, on the go, the measured pass on {@code
 * <table>}. Publishes {@code drainNanos} and {@code conditionalWrites}. Usage: {@code
 * CountingContender <progress> <mode> <table> <zookeeper quorum> <events> <keys> <rows: true|false>
 * <batch> [sink settings key=value,...]}; modes: {@code alo2}, {@code alo1}, {@code eo}.
 */
public final class CountingContender {
  private final String mode;
  private final String quorum;
  private final int events;
  private final boolean rows;
  private final int batch;
  private final String settings;
  private final byte[][] lines;
  private final String[] courses;

  private CountingContender(String[] args, int events) {
    this.mode = args[1];
    this.quorum = args[3];
    this.events = events;
    int keys = Integer.parseInt(args[5]);
    this.rows = Boolean.parseBoolean(args[6]);
    this.batch = Integer.parseInt(args[7]);
    this.settings = args.length > 8 ? args[8] : "";
    this.lines = AccessLogLines.generate(events, 13L);
    this.courses = HBaseSinkBenchmark.zipfCourses(events, keys, 1.1, 7L);
  }

  public static void main(String[] args) throws Exception {
    ContenderProcess.Child child = new ContenderProcess.Child(Path.of(args[0]));
    String table = args[2];
    int events = Integer.parseInt(args[4]);
    CountingContender warmUp = new CountingContender(args, Math.max(events / 5, 1000));
    warmUp.drain(table + "_w", count -> {});
    child.warmedUp();
    CountingContender measured = new CountingContender(args, events);
    Map<String, Long> results = new HashMap<>();
    results.put("drainNanos", measured.drain(table, child::passed));
    results.put("conditionalWrites", PrefilledChannel.sinkAttribute(table, "ConditionalWrites"));
    child.done(results);
    System.exit(0); // the HBase client's threads would keep the JVM up
  }

  private long drain(String table, PrefilledChannel.Taken taken) throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("table", table);
    config.put("columnFamily", "d");
    config.put("counterColumnFamily", "c");
    config.put("batchSize", Integer.toString(batch));
    config.put("zookeeperQuorum", quorum);
    config.put("serializer", rows ? "events,counters" : "counters");
    config.put("headerColumns", "none");
    config.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    config.put("counterColumn", "clicks");
    switch (mode) {
      case "alo2" -> config.put("inFlightBatches", "2");
      case "alo1" -> config.put("inFlightBatches", "1");
      case "eo" -> config.put("counterGuarantee", "exactly-once");
      default -> throw new IllegalArgumentException("mode " + mode + " is not alo2, alo1 or eo");
    }
    // sink settings for every contender, to try variations (-Dcounting.settings in the benchmark)
    for (String setting : settings.split(",")) {
      if (setting.contains("=")) {
        config.put(
            setting.substring(0, setting.indexOf('=')),
            setting.substring(setting.indexOf('=') + 1));
      }
    }
    if (!mode.equals("eo")) {
      config.put("rowKey", "%{lineId}"); // the same rows in every mode
    }
    try (PrefilledChannel channel =
        new PrefilledChannel("c_" + table, events, batch, this::event)) {
      HBaseSink sink = new HBaseSink();
      channel.attach(sink, table, config);
      try {
        return channel.drainNanos(sink, taken);
      } finally {
        sink.stop();
      }
    }
  }

  /** Click i: line i of log file 1 at byte 200 * i, from partition i % 3, its course. */
  private Event event(int i) {
    Map<String, String> headers = new HashMap<>();
    headers.put("lineId", "9c0ffee5eed00001:" + (200L * i));
    headers.put("topic", "course-clicks");
    headers.put("partition", Integer.toString(i % 3));
    headers.put("offset", Integer.toString(i / 3));
    headers.put("course", courses[i]);
    headers.put("timestamp", "1795278600000");
    return EventBuilder.withBody(lines[i], headers);
  }
}
