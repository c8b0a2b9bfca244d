package dev.flumekit.bench;

import dev.flumekit.testkit.hbase.MiniHBase;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One run, one local HBase 2.6 (mini cluster, one region server, local file system) in this JVM,
 * each contender in a JVM of its own ({@link HBaseSinkContender}, warmed up there): raw
 * BufferedMutator puts, Flume 1.11's HBase2Sink and flumekit's HBase sink on the same events
 * (realistic access-log lines, one cell each) and batch size, each sink draining a pre-filled
 * MemoryChannel as Flume's SinkRunner would; then counters on Zipf-distributed course keys: one raw
 * increment per event against flumekit's coalesced increments. Each contender's CPU and allocation
 * per event are its JVM's ({@link ContenderProcess}); the order rotates by round. Usage: {@code
 * benchmarks/hbase-sink.sh [events] [rounds]}.
 */
public final class HBaseSinkBenchmark {
  private static final List<String> PUTS = List.of("raw", "flume", "flumekit");
  private static final List<String> COUNTERS = List.of("rawinc", "counters");

  private final MiniHBase hbase;
  private final Path work;
  private final int events;

  private HBaseSinkBenchmark(MiniHBase hbase, Path work, int events) {
    this.hbase = hbase;
    this.work = work;
    this.events = events;
  }

  public static void main(String[] args) throws Exception {
    // 200,000 events lasted about 2 s a contender, most of it while C2 compiled (CPU per event with
    // JIT two to three times that without); 1,000,000 measure the sinks (docs/benchmarks.md)
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = BenchmarkHome.workDirectory(Paths.get("").toAbsolutePath(), "hbase-sink");
    MiniHBase hbase = new MiniHBase();
    hbase.start();
    try {
      HBaseSinkBenchmark bench = new HBaseSinkBenchmark(hbase, work, events);
      ContenderRounds puts = new ContenderRounds("event");
      ContenderRounds counters = new ContenderRounds("event");
      StringBuilder increments = new StringBuilder();
      for (int round = 1; round <= rounds; round++) {
        for (String contender : ContenderRounds.order(PUTS, round)) {
          puts.add(bench.run(contender, round, 100).run());
        }
        for (int keys : new int[] {100, 1000}) {
          for (String contender : ContenderRounds.order(COUNTERS, round)) {
            Measured m = bench.run(contender, round, keys);
            counters.add(
                new ContenderRounds.Run(
                    contender + ", " + keys + " keys",
                    round,
                    m.run().perSecond(),
                    m.run().steady()));
            if (contender.equals("counters")) {
              increments.append(
                  String.format(
                      Locale.ROOT,
                      "| %d | %,d | %.4f (1/%.0f) |%n",
                      round,
                      keys,
                      m.incrementsPerEvent(),
                      1 / m.incrementsPerEvent()));
            }
          }
        }
      }
      System.out.println(bench.report(puts, counters, increments, rounds));
    } finally {
      hbase.stop();
    }
  }

  /** A run, and for flumekit's counters the increments it sent per event. */
  private record Measured(ContenderRounds.Run run, double incrementsPerEvent) {}

  private Measured run(String contender, int round, int keys) throws Exception {
    String table = contender + "_" + keys + "_" + round;
    hbase.createTable(table, "d");
    hbase.createTable(table + "_w", "d");
    ContenderProcess process =
        ContenderProcess.start(
            work,
            table,
            events,
            HBaseSinkContender.class,
            List.of(
                contender,
                table,
                hbase.zookeeperQuorum(),
                Integer.toString(events),
                Integer.toString(keys)));
    process.awaitWarmedUp();
    ContenderProcess.Outcome outcome = process.measure();
    double rate = events / (outcome.results().get("drainNanos") / 1e9);
    return new Measured(
        new ContenderRounds.Run(contender, round, rate, outcome.perEvent()),
        (double) outcome.results().getOrDefault("increments", 0L) / events);
  }

  private String report(
      ContenderRounds puts, ContenderRounds counters, CharSequence increments, int rounds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nHBase sink benchmark: %,d events per contender, batches of %d, 1 cell per event;"
                + " %d rounds, the order rotated by round; each contender in a JVM of its own"
                + " (warmed up on a fifth of the events first), HBase in the benchmark's%n"
                + "raw: BufferedMutator puts; flume: Flume 1.11 HBase2Sink; flumekit: flumekit's"
                + " HBase sink. Events/s over the whole drain; CPU and allocation per event of the"
                + " contender's JVM between 20%% and 80%% of its events.%n%n",
            events,
            HBaseSinkContender.BATCH,
            rounds));
    out.append(String.join("\n", puts.table())).append("\n");
    out.append("\nMedians of ").append(rounds).append(" rounds:\n\n");
    out.append(String.join("\n", puts.medians())).append("\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%nMedians of the per-round ratios: flumekit/raw = %.2f, flumekit/Flume = %.2f%n",
            puts.medianRatio("flumekit", "raw"),
            puts.medianRatio("flumekit", "flume")));
    out.append(
        "\nCounters, Zipf(1.1) course keys, one counter per course and day; rawinc: one raw"
            + " increment per event; counters: flumekit's coalesced increments:\n\n");
    out.append(String.join("\n", counters.table())).append("\n");
    out.append("\nMedians of ").append(rounds).append(" rounds:\n\n");
    out.append(String.join("\n", counters.medians())).append("\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%nMedians of the per-round ratios: counters/rawinc = %.2f (100 keys), %.2f (1000"
                + " keys)%n",
            counters.medianRatio("counters, 100 keys", "rawinc, 100 keys"),
            counters.medianRatio("counters, 1000 keys", "rawinc, 1000 keys")));
    out.append("\n| Round | Keys | flumekit increments sent per event |\n|---|---|---|\n");
    out.append(increments);
    out.append(AgentMeasurements.machine()).append('\n');
    return out.toString();
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
