package dev.flumekit.bench;

import dev.flumekit.hbase.HBaseSink;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

/**
 * Counting in exactly-once mode against at-least-once, in one run on one local HBase 2.6 (mini
 * cluster in this JVM): the loader's work as shipped (a row per click and a counter per course and
 * day; or the counters alone), on clicks whose courses are Zipf-distributed over 100 and 1,000
 * keys, each event with a line id and the Kafka partition it came through. Contenders per round, in
 * an order that rotates: at-least-once as shipped before (2 batches in flight), at-least-once with
 * 1 in flight, exactly-once (1 in flight, as it requires). Reports events/s, the ratio of
 * exactly-once to at-least-once, and the region server's requests per event. Usage: {@code
 * benchmarks/counting.sh [events] [rounds]}.
 */
public final class CountingBenchmark {
  /** The sink's batchSize (and the channel's transactionCapacity): -Dcounting.batch, 1000. */
  private static final int BATCH = Integer.getInteger("counting.batch", 1000);

  private final MiniHBase hbase;
  private final int events;
  private final int keys;
  private final boolean rows;
  private final byte[][] lines;
  private final String[] courses;

  private CountingBenchmark(MiniHBase hbase, int events, int keys, boolean rows) {
    this.hbase = hbase;
    this.events = events;
    this.keys = keys;
    this.rows = rows;
    this.lines = AccessLogLines.generate(events, 13L);
    this.courses = HBaseSinkBenchmark.zipfCourses(events, keys, 1.1, 7L);
  }

  private enum Mode {
    AT_LEAST_ONCE_2("at-least-once, 2 in flight"),
    AT_LEAST_ONCE_1("at-least-once, 1 in flight"),
    EXACTLY_ONCE("exactly-once");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  /** One contender's run: events/s and region-server requests per event. */
  private record Run(double rate, double requestsPerEvent, double conditionalPerEvent) {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    MiniHBase hbase = new MiniHBase();
    hbase.start();
    try {
      new CountingBenchmark(hbase, Math.max(events / 5, BATCH), 100, true).round(0);
      List<String> table = new ArrayList<>();
      List<String> medians = new ArrayList<>();
      for (boolean rows : new boolean[] {true, false}) {
        for (int keys : new int[] {100, 1000}) {
          CountingBenchmark bench = new CountingBenchmark(hbase, events, keys, rows);
          Map<Mode, List<Run>> runs = new HashMap<>();
          for (int round = 1; round <= rounds; round++) {
            Map<Mode, Run> r = bench.round(round);
            r.forEach((m, run) -> runs.computeIfAbsent(m, k -> new ArrayList<>()).add(run));
            table.add(bench.row(round, r));
          }
          Map<Mode, Run> median = new HashMap<>();
          for (Mode m : Mode.values()) {
            List<Run> list = new ArrayList<>(runs.get(m));
            list.sort((a, b) -> Double.compare(a.rate(), b.rate()));
            median.put(m, list.get(list.size() / 2));
          }
          medians.add(bench.row(0, median).replaceFirst("\\| 0 \\|", "| median |"));
        }
      }
      System.out.printf(
          "%nCounting benchmark: %,d events per contender, batches of %d, Zipf(1.1) courses%n",
          events, BATCH);
      String header =
          "| Round | Work | Keys | at-least-once (2 in flight) ev/s | at-least-once (1) ev/s |"
              + " exactly-once ev/s | exactly-once / at-least-once (2) | exactly-once / (1) |"
              + " RS requests per event: ALO(2) / ALO(1) / EO | EO conditional writes per event |";
      System.out.println(header);
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      table.forEach(System.out::println);
      System.out.println("\nMedians of " + rounds + " rounds:");
      System.out.println(header);
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      medians.forEach(System.out::println);
      System.out.println(AgentMeasurements.machine());
    } finally {
      hbase.stop();
    }
  }

  private String row(int round, Map<Mode, Run> r) {
    Run a2 = r.get(Mode.AT_LEAST_ONCE_2);
    Run a1 = r.get(Mode.AT_LEAST_ONCE_1);
    Run eo = r.get(Mode.EXACTLY_ONCE);
    return String.format(
        "| %d | %s | %,d | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.4f / %.4f / %.4f | %.4f |",
        round,
        rows ? "rows + counters" : "counters",
        keys,
        a2.rate(),
        a1.rate(),
        eo.rate(),
        eo.rate() / a2.rate(),
        eo.rate() / a1.rate(),
        a2.requestsPerEvent(),
        a1.requestsPerEvent(),
        eo.requestsPerEvent(),
        eo.conditionalPerEvent());
  }

  private Map<Mode, Run> round(int round) throws Exception {
    Map<Mode, Run> runs = new HashMap<>();
    Mode[] modes = Mode.values();
    for (int k = 0; k < modes.length; k++) {
      Mode mode = modes[(k + round) % modes.length];
      runs.put(mode, run(mode, round));
    }
    return runs;
  }

  private Run run(Mode mode, int round) throws Exception {
    String name =
        "count_" + (rows ? "rows_" : "") + keys + "_" + mode.name().toLowerCase() + "_" + round;
    hbase.createTable(name, "d", "c");
    Map<String, String> config = new HashMap<>();
    config.put("table", name);
    config.put("columnFamily", "d");
    config.put("counterColumnFamily", "c");
    config.put("batchSize", Integer.toString(BATCH));
    config.put("zookeeperQuorum", hbase.zookeeperQuorum());
    config.put("serializer", rows ? "events,counters" : "counters");
    config.put("headerColumns", "none");
    config.put("counterRow", "%{time:yyyyMMdd}_%{course}");
    config.put("counterColumn", "clicks");
    switch (mode) {
      case AT_LEAST_ONCE_2 -> config.put("inFlightBatches", "2");
      case AT_LEAST_ONCE_1 -> config.put("inFlightBatches", "1");
      case EXACTLY_ONCE -> config.put("counterGuarantee", "exactly-once");
    }
    // -Dcounting.settings=key=value,...: sink settings for every contender, to try variations
    for (String setting : System.getProperty("counting.settings", "").split(",")) {
      if (setting.contains("=")) {
        config.put(
            setting.substring(0, setting.indexOf('=')),
            setting.substring(setting.indexOf('=') + 1));
      }
    }
    if (mode != Mode.EXACTLY_ONCE) {
      config.put("rowKey", "%{lineId}"); // the same rows in every mode
    }
    try (PrefilledChannel channel = new PrefilledChannel("c_" + name, events, BATCH, this::event)) {
      HBaseSink sink = new HBaseSink();
      channel.attach(sink, name, config);
      long requestsBefore = requests();
      try {
        double rate = events / (PrefilledChannel.drainNanos(sink) / 1e9);
        double requests = (double) (requests() - requestsBefore) / events;
        double conditional = (double) attribute(name, "ConditionalWrites") / events;
        return new Run(rate, requests, conditional);
      } finally {
        sink.stop();
      }
    }
  }

  private long requests() {
    return hbase
        .util()
        .getMiniHBaseCluster()
        .getRegionServer(0)
        .getMetrics()
        .getRegionServerWrapper()
        .getTotalRequestCount();
  }

  private static long attribute(String sink, String name) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("org.apache.flume.sink:type=" + sink), name))
        .longValue();
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
