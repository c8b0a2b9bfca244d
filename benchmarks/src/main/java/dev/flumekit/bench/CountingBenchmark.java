package dev.flumekit.bench;

import dev.flumekit.testkit.hbase.MiniHBase;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counting in exactly-once mode against at-least-once, in one run on one local HBase 2.6 (mini
 * cluster in this JVM), each contender in a JVM of its own ({@link CountingContender}, warmed up
 * there): the loader's work as shipped (a row per click and a counter per course and day; or the
 * counters alone), on clicks whose courses are Zipf-distributed over 100 and 1,000 keys, each event
 * with a line id and the Kafka partition it came through. Contenders per round, in an order that
 * rotates: at-least-once as shipped before (2 batches in flight), at-least-once with 1 in flight,
 * exactly-once (1 in flight, as it requires). Reports events/s with each contender's CPU and
 * allocation per event ({@link ContenderProcess}), the ratio of exactly-once to at-least-once, and
 * the region server's requests per event. Usage: {@code benchmarks/counting.sh [events] [rounds]}.
 */
public final class CountingBenchmark {
  /** The sink's batchSize (and the channel's transactionCapacity): -Dcounting.batch, 1000. */
  private static final int BATCH = Integer.getInteger("counting.batch", 1000);

  private static final List<String> MODES = List.of("alo2", "alo1", "eo");

  private final MiniHBase hbase;
  private final Path work;
  private final int events;

  private CountingBenchmark(MiniHBase hbase, Path work, int events) {
    this.hbase = hbase;
    this.work = work;
    this.events = events;
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = BenchmarkHome.workDirectory(Paths.get("").toAbsolutePath(), "counting");
    MiniHBase hbase = new MiniHBase();
    hbase.start();
    try {
      CountingBenchmark bench = new CountingBenchmark(hbase, work, events);
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "%nCounting benchmark: %,d events per contender, batches of %d, Zipf(1.1) courses;"
                  + " %d rounds, the order rotated by round; each contender in a JVM of its own"
                  + " (warmed up on a fifth of the events first), HBase in the benchmark's.%n"
                  + "alo2: at-least-once, 2 batches in flight (as shipped before); alo1:"
                  + " at-least-once, 1 in flight; eo: exactly-once. Events/s over the whole drain;"
                  + " CPU and allocation per event of the contender's JVM between 20%% and 80%% of"
                  + " its events.%n",
              events,
              BATCH,
              rounds));
      for (boolean rows : new boolean[] {true, false}) {
        for (int keys : new int[] {100, 1000}) {
          out.append(bench.configuration(rows, keys, rounds));
        }
      }
      out.append(AgentMeasurements.machine()).append('\n');
      System.out.println(out);
    } finally {
      hbase.stop();
    }
  }

  /** The rounds of one kind of work and key count, as a section of the report. */
  private String configuration(boolean rows, int keys, int rounds) throws Exception {
    ContenderRounds runs = new ContenderRounds("event");
    List<String> requests = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double[] perEvent = new double[MODES.size()];
      double conditional = 0;
      for (String mode : ContenderRounds.order(MODES, round)) {
        Measured m = run(mode, rows, keys, round);
        runs.add(m.run());
        perEvent[MODES.indexOf(mode)] = m.requestsPerEvent();
        if (mode.equals("eo")) {
          conditional = m.conditionalPerEvent();
        }
      }
      requests.add(
          String.format(
              Locale.ROOT,
              "| %d | %.4f / %.4f / %.4f | %.4f |",
              round,
              perEvent[0],
              perEvent[1],
              perEvent[2],
              conditional));
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("%n### %s, %,d keys%n%n", rows ? "Rows + counters" : "Counters alone", keys));
    out.append(String.join("\n", runs.table())).append("\n");
    out.append("\nMedians of ").append(rounds).append(" rounds:\n\n");
    out.append(String.join("\n", runs.medians())).append("\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%nMedians of the per-round ratios: eo/alo2 = %.2f, eo/alo1 = %.2f%n%n",
            runs.medianRatio("eo", "alo2"),
            runs.medianRatio("eo", "alo1")));
    out.append(
        "| Round | RS requests per event: alo2 / alo1 / eo | eo conditional writes per event |\n"
            + "|---|---|---|\n");
    requests.forEach(r -> out.append(r).append('\n'));
    return out.toString();
  }

  /** One contender's run and the region server's requests per event during it. */
  private record Measured(
      ContenderRounds.Run run, double requestsPerEvent, double conditionalPerEvent) {}

  private Measured run(String mode, boolean rows, int keys, int round) throws Exception {
    String table = "count_" + (rows ? "rows_" : "") + keys + "_" + mode + "_" + round;
    hbase.createTable(table, "d", "c");
    hbase.createTable(table + "_w", "d", "c");
    ContenderProcess process =
        ContenderProcess.start(
            work,
            table,
            events,
            CountingContender.class,
            List.of(
                mode,
                table,
                hbase.zookeeperQuorum(),
                Integer.toString(events),
                Integer.toString(keys),
                Boolean.toString(rows),
                Integer.toString(BATCH),
                // -Dcounting.settings=key=value,...: sink settings for every contender
                System.getProperty("counting.settings", "")));
    process.awaitWarmedUp();
    long requestsBefore = requests();
    ContenderProcess.Outcome outcome = process.measure();
    double requests = (double) (requests() - requestsBefore) / events;
    double rate = events / (outcome.results().get("drainNanos") / 1e9);
    return new Measured(
        new ContenderRounds.Run(mode, round, rate, outcome.perEvent()),
        requests,
        (double) outcome.results().get("conditionalWrites") / events);
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
}
