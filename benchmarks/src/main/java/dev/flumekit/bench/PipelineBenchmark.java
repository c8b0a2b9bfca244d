package dev.flumekit.bench;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline, log file to HBase counters, as a collector and a loader each on one local
 * Kafka broker and HBase, several ways in turns in the same run: flumekit's shipped {@code
 * conf/collector.conf} and {@code conf/loader.conf} (Kafka channels), flumekit's {@code
 * conf/file-channel/} versions, the same pipeline built from Flume 1.11's own components on file
 * channels and on Flume's own KafkaChannel ({@code builtin-pipeline/*.conf}) with their batches of
 * 1,000 (and Flume events on the KafkaChannel) and with flumekit's batches of 5,000 and plain
 * values ({@code builtin-pipeline/batch5000-*.conf}), and the raw contender: two plain Java
 * programs doing the shipped agents' work with the same clients and settings and nothing else
 * ({@link RawCollector}, {@link RawLoader}). The access log is written before the processes start;
 * each contender drains it through both. Reported per contender: lines/s from the first line read
 * to the last click counted in HBase, each stage's rate over the middle 80% of its events, each
 * process's CPU time and allocated bytes per line in its steady state ({@link SteadyState}), its
 * CPU time, heap after GC and resident memory over the whole run. Usage: {@code
 * benchmarks/pipeline.sh [lines] [rounds]}.
 */
public final class PipelineBenchmark {
  /**
   * The shipped files' two exactly-once settings turned to at least once: the collector's channel
   * puts without Kafka transactions (idempotent producer, acks=all still), the loader's sink counts
   * with increments (a replayed line counts again). Batches and everything else stay as shipped.
   */
  private static final Map<String, String> AT_LEAST_ONCE =
      Map.of(
          "collector.channels.kafka.transactional = true",
          "collector.channels.kafka.transactional = false",
          "loader.sinks.hbase.counterGuarantee = exactly-once",
          "loader.sinks.hbase.counterGuarantee = at-least-once");

  private static final String[] FLUMEKIT_TOPICS = {
    "course-clicks", "access-logs", "access-unparsed"
  };

  /** A pipeline the benchmark runs: its agents' configurations and where to read its progress. */
  private enum Contender {
    KAFKA_CHANNEL(
        "kc",
        "flumekit, Kafka channel (shipped conf/)",
        true,
        "conf/",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventPutSuccessCount", "CHANNEL.kafka"),
        new Stage("loader", "EventTakeSuccessCount", "CHANNEL.clicks"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    KAFKA_CHANNEL_AT_LEAST_ONCE(
        "kca",
        "flumekit, Kafka channel, shipped conf/ edited to at least once",
        true,
        "conf/",
        AT_LEAST_ONCE,
        KAFKA_CHANNEL.stages),
    FILE_CHANNEL(
        "fc",
        "flumekit, file channels (conf/file-channel/)",
        true,
        "conf/file-channel/",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventDrainSuccessCount", "SINK.kafka"),
        new Stage("loader", "EventAcceptedCount", "SOURCE.kafka"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    BUILTIN_FILE(
        "bf",
        "Flume 1.11 built-ins, file channels",
        false,
        "/builtin-pipeline/",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventDrainSuccessCount", "SINK.kafka"),
        new Stage("loader", "EventAcceptedCount", "SOURCE.kafka"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    BUILTIN_KAFKA(
        "bk",
        "Flume 1.11 built-ins, Flume's KafkaChannel",
        false,
        "/builtin-pipeline/kafka-channel-",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventPutSuccessCount", "CHANNEL.clicks", "CHANNEL.other"),
        new Stage("loader", "EventTakeSuccessCount", "CHANNEL.clicks"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    BUILTIN_FILE_BATCH5000(
        "bft",
        "Flume 1.11 built-ins, file channels, batches of 5,000",
        false,
        "/builtin-pipeline/batch5000-",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventDrainSuccessCount", "SINK.kafka"),
        new Stage("loader", "EventAcceptedCount", "SOURCE.kafka"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    BUILTIN_KAFKA_BATCH5000(
        "bkt",
        "Flume 1.11 built-ins, Flume's KafkaChannel, batches of 5,000, plain values",
        false,
        "/builtin-pipeline/batch5000-kafka-channel-",
        new Stage("collector", "EventAcceptedCount", "SOURCE.tail"),
        new Stage("collector", "EventPutSuccessCount", "CHANNEL.clicks", "CHANNEL.other"),
        new Stage("loader", "EventTakeSuccessCount", "CHANNEL.clicks"),
        new Stage("loader", "EventDrainSuccessCount", "SINK.hbase")),
    RAW(
        "raw",
        "raw Java collector + loader (no Flume, shipped conf/)",
        false,
        "conf/",
        new Stage("collector", "read", RawProcess.COMPONENT),
        new Stage("collector", "committed", RawProcess.COMPONENT),
        new Stage("loader", "taken", RawProcess.COMPONENT),
        new Stage("loader", "written", RawProcess.COMPONENT)),
    RAW_AT_LEAST_ONCE(
        "rawa",
        "raw Java collector + loader, shipped conf/ edited to at least once",
        false,
        "conf/",
        AT_LEAST_ONCE,
        RAW.stages);

    final String prefix;
    final String label;
    final boolean flumekit;
    final String confs;
    final Map<String, String> edits;
    final Stage[] stages;

    Contender(String prefix, String label, boolean flumekit, String confs, Stage... stages) {
      this(prefix, label, flumekit, confs, Map.of(), stages);
    }

    Contender(
        String prefix,
        String label,
        boolean flumekit,
        String confs,
        Map<String, String> edits,
        Stage... stages) {
      this.prefix = prefix;
      this.label = label;
      this.flumekit = flumekit;
      this.confs = confs;
      this.edits = edits;
      this.stages = stages;
    }

    boolean raw() {
      return this == RAW || this == RAW_AT_LEAST_ONCE;
    }

    /** The components of the loader, awaited before the collector starts. */
    String[] loaderComponents() {
      return Arrays.stream(stages)
          .filter(s -> s.agent().equals("loader"))
          .flatMap(s -> s.components().stream())
          .toArray(String[]::new);
    }
  }

  /** The stage whose count is what the collector passes on: lines put into Kafka. */
  private static final int COLLECTOR_OUTPUT = 1;

  /** The stage whose count is what the loader passes on: clicks written to HBase. */
  private static final int LOADER_OUTPUT = 3;

  /** The built-in collector routes course clicks to the topic its regex captures: "class". */
  private static final String BUILTIN_CLICK_TOPIC = "class";

  private final Path work;
  private final KafkaBroker kafka;
  private final MiniHBase hbase;
  private final Path log;
  private final int lines;
  private final long clicks;

  private PipelineBenchmark(
      Path work, KafkaBroker kafka, MiniHBase hbase, Path log, int lines, long clicks) {
    this.work = work;
    this.kafka = kafka;
    this.hbase = hbase;
    this.log = log;
    this.lines = lines;
    this.clicks = clicks;
  }

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "pipeline-run");
    Path flumekitHome = BenchmarkHome.flumeHome(root, work);
    Path builtinHome = builtinHome(root, work, flumekitHome);
    Path log = Files.createDirectories(work.resolve("nginx")).resolve("access.log");
    // one line per millisecond, ending now: Kafka refuses record times more than an hour ahead
    ClickLog clickLog = new ClickLog(42, System.currentTimeMillis() - lines, 1000, 0);
    long clicks = writeLog(log, clickLog, lines);
    System.setProperty("test.build.data.basedirectory", work.resolve("hbase").toString());
    MiniHBase hbase = new MiniHBase();
    List<RunResult> results = new ArrayList<>();
    try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"))) {
      hbase.start();
      PipelineBenchmark benchmark = new PipelineBenchmark(work, kafka, hbase, log, lines, clicks);
      // e.g. -Dpipeline.contenders=kc,bk to run only some (kc, kca, fc, bf, bk, bft, bkt, raw,
      // rawa)
      List<Contender> contenders = new ArrayList<>();
      for (Contender c : Contender.values()) {
        if (List.of(
                System.getProperty("pipeline.contenders", "kc,kca,fc,bf,bk,bft,bkt,raw,rawa")
                    .split(","))
            .contains(c.prefix)) {
          contenders.add(c);
        }
      }
      // A warm-up run, not reported: the first run of a fresh broker and region server is slower
      // (JIT, the table's first region, the log's pages), whoever makes it.
      benchmark.runBuiltin(builtinHome, 0, Contender.BUILTIN_KAFKA);
      for (int round = 1; round <= rounds; round++) {
        for (Contender contender : contenders) {
          results.add(
              contender.raw()
                  ? benchmark.runRaw(flumekitHome, round, contender)
                  : contender.flumekit
                      ? benchmark.runFlumekit(flumekitHome, round, contender)
                      : benchmark.runBuiltin(builtinHome, round, contender));
        }
        // rotate who goes first: a later contender finds a warmer broker and region server
        contenders.add(contenders.remove(0));
      }
    } finally {
      hbase.stop();
    }
    report(results, lines, clicks, log);
  }

  /**
   * A Flume home with Flume 1.11's lib/ and, as an operator without an HBase install would add it,
   * {@code plugins.d/flume-hbase2/}: Flume's HBase2Sink jar in lib/ and the HBase client our own
   * HBase sink ships in libext/.
   */
  private static Path builtinHome(Path root, Path work, Path flumekitHome) throws IOException {
    Path home = Files.createDirectories(work.resolve("builtin-flume-home"));
    Files.createSymbolicLink(
        home.resolve("lib"), Files.readSymbolicLink(flumekitHome.resolve("lib")));
    Path plugin = home.resolve("plugins.d/flume-hbase2");
    Path lib = Files.createDirectories(plugin.resolve("lib"));
    Path libext = Files.createDirectories(plugin.resolve("libext"));
    try (Stream<Path> jars = Files.list(root.resolve("benchmarks/target/lib"))) {
      for (Path jar :
          jars.filter(j -> j.getFileName().toString().startsWith("flume-ng-hbase2-sink"))
              .toList()) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    }
    try (Stream<Path> jars =
        Files.list(flumekitHome.resolve("plugins.d/flumekit-hbase-sink/isolated"))) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, libext.resolve(jar.getFileName()));
      }
    }
    return home;
  }

  private static long writeLog(Path log, ClickLog clickLog, int lines) throws IOException {
    long clicks = 0;
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write(clickLog.line(i));
        out.write('\n');
        if (clickLog.courseOf(i) >= 0) {
          clicks++;
        }
      }
    }
    return clicks;
  }

  private RunResult runFlumekit(Path home, int round, Contender contender) throws Exception {
    String name = contender.prefix + round;
    Map<String, String> replacements = RunConfs.ofRun(name, log, work, kafka, hbase);
    RunConfs.topicsOfRun(name, List.of(FLUMEKIT_TOPICS), kafka, replacements);
    Map<String, String> confs = RunConfs.shipped(home, contender.confs);
    replacements.putAll(editsFound(contender, confs));
    // e.g. -Dpipeline.edits='inFlightBatches = 2=>inFlightBatches = 1' to try other settings
    for (String edit : System.getProperty("pipeline.edits", "").split(";")) {
      if (edit.contains("=>")) {
        replacements.put(
            edit.substring(0, edit.indexOf("=>")), edit.substring(edit.indexOf("=>") + 2));
      }
    }
    return run(name, contender, Agent.starter(home), confs, replacements, this::countersSum);
  }

  /**
   * A contender's edits of the shipped files, each checked to be there: an edit whose text the
   * files no longer have would run the shipped settings under the edited contender's name.
   */
  private static Map<String, String> editsFound(Contender contender, Map<String, String> confs) {
    for (String text : contender.edits.keySet()) {
      if (confs.values().stream().noneMatch(conf -> conf.contains(text))) {
        throw new IllegalStateException(
            contender.prefix + ": the shipped files have no line '" + text + "' to edit");
      }
    }
    return contender.edits;
  }

  /** The raw contender: its two programs read the shipped files, as the agents would. */
  private RunResult runRaw(Path home, int round, Contender contender) throws Exception {
    String name = contender.prefix + round;
    Map<String, String> replacements = RunConfs.ofRun(name, log, work, kafka, hbase);
    RunConfs.topicsOfRun(name, List.of(FLUMEKIT_TOPICS), kafka, replacements);
    Map<String, String> confs = RunConfs.shipped(home, contender.confs);
    replacements.putAll(editsFound(contender, confs));
    return run(name, contender, RawProcess::start, confs, replacements, this::countersSum);
  }

  private RunResult runBuiltin(Path home, int round, Contender contender) throws Exception {
    String name = contender.prefix + round;
    Map<String, String> replacements = RunConfs.ofRun(name, log, work, kafka, hbase);
    recreateTopic(BUILTIN_CLICK_TOPIC);
    kafka.createTopic(name + "-access-logs", 3);
    replacements.put("access-logs", name + "-access-logs");
    Map<String, String> confs = new LinkedHashMap<>();
    for (String agent : List.of("collector", "loader")) {
      try (InputStream in =
          PipelineBenchmark.class.getResourceAsStream(contender.confs + agent + ".conf")) {
        confs.put(agent, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return run(name, contender, Agent.starter(home), confs, replacements, this::totalCounter);
  }

  private void recreateTopic(String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      if (admin.listTopics().names().get().contains(topic)) {
        admin.deleteTopics(Set.of(topic)).all().get();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (admin.listTopics().names().get().contains(topic)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("topic " + topic + " was not deleted");
          }
          Thread.sleep(100);
        }
      }
    }
    kafka.createTopic(topic, 3);
  }

  private interface Counted {
    long count(String table) throws Exception;
  }

  private RunResult run(
      String name,
      Contender contender,
      PipelineProcess.Starter starter,
      Map<String, String> confs,
      Map<String, String> replacements,
      Counted counted)
      throws Exception {
    Path confDir = RunConfs.write(work.resolve(name + "/conf"), confs, replacements);
    String table = replacements.get("access_logs");
    System.out.printf("%n[%s] %s: %,d lines, %,d clicks%n", name, contender.label, lines, clicks);
    Stage[] stages = contender.stages;
    Map<String, PipelineProcess> agents = new LinkedHashMap<>();
    try {
      // the loader first, so that it waits for the first records rather than the other way round
      agents.put("loader", starter.start(confDir, "loader", work.resolve(name)));
      agents.get("loader").awaitComponents(contender.loaderComponents());
      agents.put("collector", starter.start(confDir, "collector", work.resolve(name)));
      Samples samples = new Samples(stages.length);
      long[] stageTotals = {lines, lines, clicks, clicks};
      // each agent's steady state over the middle of what it passes on: the collector's lines to
      // Kafka, the loader's clicks to HBase
      Map<String, SteadyState> steady = new LinkedHashMap<>();
      steady.put("collector", new SteadyState(stageTotals[COLLECTOR_OUTPUT]));
      steady.put("loader", new SteadyState(stageTotals[LOADER_OUTPUT]));
      long startNanos = System.nanoTime();
      long firstLineNanos = 0;
      long doneNanos = 0;
      long deadline = startNanos + 1_800_000_000_000L;
      long lastPrint = startNanos;
      while (doneNanos == 0) {
        for (PipelineProcess a : agents.values()) {
          a.checkAlive();
          a.sample();
        }
        long now = System.nanoTime();
        long[] counts = new long[stages.length];
        for (int s = 0; s < stages.length; s++) {
          for (String component : stages[s].components()) {
            counts[s] += agents.get(stages[s].agent()).counter(component, stages[s].counter());
          }
        }
        samples.add(now, counts);
        long epochMillis = System.currentTimeMillis();
        for (Map.Entry<String, PipelineProcess> a : agents.entrySet()) {
          PipelineProcess p = a.getValue();
          steady
              .get(a.getKey())
              .sample(
                  epochMillis,
                  counts[a.getKey().equals("collector") ? COLLECTOR_OUTPUT : LOADER_OUTPUT],
                  p.cpuSeconds(),
                  HeapUsed.bytes(p.pid()),
                  ThreadStages.cpuSeconds(p.pid()));
        }
        if (firstLineNanos == 0 && counts[0] > 0) {
          firstLineNanos = now;
        }
        if (counts[3] >= clicks && counted.count(table) >= clicks) {
          doneNanos = now;
        }
        if (now - lastPrint > 10_000_000_000L) {
          lastPrint = now;
          System.out.printf(
              "[%s] %3d s: read %,d, to Kafka %,d, from Kafka %,d, to HBase %,d%n",
              name,
              (now - startNanos) / 1_000_000_000L,
              counts[0],
              counts[1],
              counts[2],
              counts[3]);
        }
        if (now > deadline) {
          throw new IllegalStateException(name + " did not finish in 30 minutes");
        }
        Thread.sleep(250);
      }
      long countedClicks = counted.count(table);
      double[] stageRates = new double[stages.length];
      for (int s = 0; s < stages.length; s++) {
        stageRates[s] = samples.middleRate(s, stageTotals[s]);
      }
      Map<String, Usage> usage = new LinkedHashMap<>();
      for (Map.Entry<String, PipelineProcess> a : agents.entrySet()) {
        usage.put(a.getKey(), a.getValue().usage(steady.get(a.getKey())));
      }
      double seconds = (doneNanos - firstLineNanos) / 1e9;
      System.out.printf(
          "[%s] done: %,.0f lines/s end to end (%.1f s), HBase counted %,d of %,d clicks;"
              + " steady state CPU and allocation: collector %s per line, loader %s per click"
              + " (windows, epoch ms: collector %d-%d, loader %d-%d)%n",
          name,
          lines / seconds,
          seconds,
          countedClicks,
          clicks,
          usage.get("collector").steady(),
          usage.get("loader").steady(),
          usage.get("collector").steady().fromMillis(),
          usage.get("collector").steady().toMillis(),
          usage.get("loader").steady().fromMillis(),
          usage.get("loader").steady().toMillis());
      System.out.printf(
          "[%s] CPU µs by stage (threads): collector per line: %s; loader per click: %s%n",
          name, usage.get("collector").steady().stages(), usage.get("loader").steady().stages());
      return new RunResult(
          name, contender, round(name), lines / seconds, stageRates, usage, countedClicks);
    } finally {
      for (PipelineProcess a : agents.values()) {
        a.stop();
      }
      hbase.util().deleteTable(TableName.valueOf(table));
    }
  }

  /** flumekit's counters: one per course and day, {@code c:clicks}. */
  private long countersSum(String table) throws Exception {
    return ClickCounters.sum(hbase, table);
  }

  /** The built-in serializer's single counter: row {@code total}, {@code d:clicks}. */
  private long totalCounter(String table) throws Exception {
    try (Table t = hbase.connection().getTable(TableName.valueOf(table))) {
      byte[] value =
          t.get(new Get(Bytes.toBytes("total")))
              .getValue(Bytes.toBytes("d"), Bytes.toBytes("clicks"));
      return value == null ? 0 : Bytes.toLong(value);
    }
  }

  private static void report(List<RunResult> results, int lines, long clicks, Path log)
      throws IOException {
    System.out.printf(
        Locale.ROOT,
        "%nPipeline benchmark: %,d access-log lines (%,d MiB, %,d course clicks) from a log file"
            + " to HBase counters; collector and loader agents, one local broker and HBase, %d"
            + " cores, %s %s%n",
        lines,
        Files.size(log) >> 20,
        clicks,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    System.out.println(
        "| Run | Pipeline | lines/s end to end | read from log/s | to Kafka/s | from Kafka/s | to"
            + " HBase/s | collector CPU per line, allocated per line (steady state) | loader CPU"
            + " per click, allocated per click (steady state) | collector CPU s, heap after GC"
            + " max, RSS | loader CPU s, heap after GC max, RSS | clicks counted |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (RunResult r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %,d |%n",
          r.name,
          r.contender.label,
          r.linesPerSecond,
          r.stageRates[0],
          r.stageRates[1],
          r.stageRates[2],
          r.stageRates[3],
          r.usage.get("collector").steady(),
          r.usage.get("loader").steady(),
          r.usage.get("collector"),
          r.usage.get("loader"),
          r.clicksCounted);
    }
    System.out.println();
    System.out.println("| Runs | end to end | read from log | to Kafka | from Kafka | to HBase |");
    System.out.println("|---|---|---|---|---|---|");
    for (RunResult r : results) {
      if (!r.contender.flumekit) {
        continue;
      }
      for (RunResult b : results) {
        if (b.contender.flumekit || b.round != r.round) {
          continue;
        }
        StringBuilder row = new StringBuilder();
        row.append(
            String.format(
                Locale.ROOT,
                "| %s / %s | %.2f",
                r.name,
                b.name,
                r.linesPerSecond / b.linesPerSecond));
        for (int s = 0; s < r.stageRates.length; s++) {
          row.append(String.format(Locale.ROOT, " | %.2f", r.stageRates[s] / b.stageRates[s]));
        }
        System.out.println(row.append(" |"));
      }
    }
    System.out.println();
    System.out.println(
        "Medians over rounds: end to end; steady-state CPU and allocation per line (collector) and"
            + " per click (loader):");
    for (Contender c : Contender.values()) {
      List<RunResult> of = results.stream().filter(r -> r.contender == c).toList();
      if (!of.isEmpty()) {
        // NaN: no window measured
        System.out.print(
            String.format(
                    Locale.ROOT,
                    "  %-66s %,8.0f lines/s | collector %5.1f µs (%.1f without JIT), %,6.0f B per"
                        + " line | loader %5.1f µs (%.1f without JIT), %,6.0f B per click%n",
                    c.label,
                    AgentMeasurements.median(of.stream().map(RunResult::linesPerSecond).toList()),
                    median(of, "collector", SteadyState.PerLine::cpuMicros),
                    median(of, "collector", SteadyState.PerLine::cpuMicrosWithoutJit),
                    median(of, "collector", SteadyState.PerLine::allocatedBytes),
                    median(of, "loader", SteadyState.PerLine::cpuMicros),
                    median(of, "loader", SteadyState.PerLine::cpuMicrosWithoutJit),
                    median(of, "loader", SteadyState.PerLine::allocatedBytes))
                .replace("NaN", "n/a"));
        for (String agent : List.of("collector", "loader")) {
          System.out.printf(
              Locale.ROOT, "    %s, CPU µs by stage: %s%n", agent, stageMedians(of, agent));
        }
      }
    }
    reportTargetPairs(results);
  }

  /**
   * The pairs issue 28 sets targets on, as medians of the per-round ratios of lines/s end to end:
   * shipped against raw at each guarantee, against Flume's KafkaChannel at its best settings, and
   * exactly once against at least once.
   */
  private static final List<Contender[]> TARGET_PAIRS =
      List.of(
          new Contender[] {Contender.KAFKA_CHANNEL, Contender.RAW},
          new Contender[] {Contender.KAFKA_CHANNEL_AT_LEAST_ONCE, Contender.RAW_AT_LEAST_ONCE},
          new Contender[] {Contender.KAFKA_CHANNEL, Contender.BUILTIN_KAFKA_BATCH5000},
          new Contender[] {Contender.KAFKA_CHANNEL, Contender.KAFKA_CHANNEL_AT_LEAST_ONCE},
          new Contender[] {Contender.RAW, Contender.RAW_AT_LEAST_ONCE});

  private static void reportTargetPairs(List<RunResult> results) {
    System.out.println();
    System.out.println("Medians of the per-round ratios, end to end (issue 28's pairs):");
    for (Contender[] pair : TARGET_PAIRS) {
      List<Double> ratios = new ArrayList<>();
      for (RunResult a : results) {
        for (RunResult b : results) {
          if (a.contender == pair[0] && b.contender == pair[1] && a.round == b.round) {
            ratios.add(a.linesPerSecond / b.linesPerSecond);
          }
        }
      }
      if (!ratios.isEmpty()) {
        System.out.printf(
            Locale.ROOT,
            "  %-4s / %-4s %.2f (%s)%n",
            pair[0].prefix,
            pair[1].prefix,
            AgentMeasurements.median(ratios),
            String.join(
                ", ", ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()));
      }
    }
  }

  /** The median over runs of an agent's CPU per line in each stage ({@link ThreadStages}). */
  private static String stageMedians(List<RunResult> runs, String agent) {
    Map<String, List<Double>> byStage = new LinkedHashMap<>();
    for (RunResult r : runs) {
      r.usage
          .get(agent)
          .steady()
          .stageMicros()
          .forEach(
              (stage, micros) ->
                  byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(micros));
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    byStage.forEach((stage, values) -> medians.put(stage, AgentMeasurements.median(values)));
    return new SteadyState.PerLine(Double.NaN, Double.NaN, 0, 0, 0, medians).stages();
  }

  /** The median of an agent's steady-state figure over runs, those measured only. */
  private static double median(
      List<RunResult> runs, String agent, ToDoubleFunction<SteadyState.PerLine> figure) {
    return AgentMeasurements.median(
        runs.stream()
            .mapToDouble(r -> figure.applyAsDouble(r.usage.get(agent).steady()))
            .filter(v -> !Double.isNaN(v))
            .boxed()
            .toList());
  }

  private static int round(String name) {
    return Integer.parseInt(name.replaceAll("[^0-9]", ""));
  }

  /** A stage's progress: a counter summed over the components of one agent. */
  private record Stage(String agent, String counter, List<String> components) {
    Stage(String agent, String counter, String... components) {
      this(agent, counter, List.of(components));
    }
  }

  private record RunResult(
      String name,
      Contender contender,
      int round,
      double linesPerSecond,
      double[] stageRates,
      Map<String, Usage> usage,
      long clicksCounted) {}

  /** Counter samples over time, one series per stage. */
  private static final class Samples {
    private final List<Long> times = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();
    private final int stages;

    Samples(int stages) {
      this.stages = stages;
    }

    void add(long nanos, long[] values) {
      times.add(nanos);
      counts.add(values.clone());
    }

    /** Events per second between the samples where the stage passed 10% and 90% of its total. */
    double middleRate(int stage, long total) {
      int from = -1;
      int to = -1;
      for (int i = 0; i < times.size(); i++) {
        long c = counts.get(i)[stage];
        if (from < 0 && c >= total / 10) {
          from = i;
        }
        if (to < 0 && c >= total * 9 / 10) {
          to = i;
        }
      }
      if (from < 0 || to <= from) {
        return Double.NaN;
      }
      return (counts.get(to)[stage] - counts.get(from)[stage])
          / ((times.get(to) - times.get(from)) / 1e9);
    }
  }

  /** One agent JVM of a run: its monitoring, GC log and process. */
  private static final class Agent implements PipelineProcess {
    private final String name;
    private final FlumeAgent agent;
    private final FlumeMetrics metrics;
    private final Path gcLog;
    private String json = "";
    private double channelFillMax;

    private Agent(String name, FlumeAgent agent, FlumeMetrics metrics, Path gcLog) {
      this.name = name;
      this.agent = agent;
      this.metrics = metrics;
      this.gcLog = gcLog;
    }

    /** What starts agents of the Flume home {@code home}. */
    static Starter starter(Path home) {
      return (confDir, name, runDir) -> start(home, confDir, name, runDir);
    }

    /** Starts an agent with the heap and collector of the shipped {@code conf/flume-env.sh}. */
    static Agent start(Path home, Path confDir, String name, Path runDir) throws IOException {
      FlumeMetrics metrics = FlumeMetrics.onFreePort();
      Path gcLog = runDir.resolve("logs/" + name + "-gc.log");
      Files.createDirectories(gcLog.getParent());
      List<String> options = new ArrayList<>(metrics.jvmOptions());
      options.addAll(
          List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", AgentMeasurements.gcLogOption(gcLog)));
      // e.g. -Dpipeline.agentOptions=-XX:StartFlightRecording=filename=rec.jfr to profile
      String extra =
          System.getProperty("pipeline.agentOptions", "")
              .replace("{name}", runDir.getFileName() + "-" + name);
      if (!extra.isBlank()) {
        options.addAll(List.of(extra.trim().split("\\s+")));
      }
      FlumeAgent agent =
          FlumeAgent.start(
              home,
              confDir,
              confDir.resolve(name + ".conf"),
              name,
              options,
              runDir.resolve("logs/" + name + ".log"));
      return new Agent(name, agent, metrics, gcLog);
    }

    @Override
    public void awaitComponents(String... components) throws Exception {
      for (String component : components) {
        metrics.await("\"" + component + "\"", Duration.ofSeconds(120));
      }
    }

    @Override
    public void checkAlive() throws IOException {
      if (!agent.isAlive()) {
        throw new IllegalStateException("the " + name + " agent stopped:\n" + agent.log());
      }
    }

    /** Reads the agent's monitoring once; {@link #counter} answers from this reading. */
    @Override
    public void sample() throws InterruptedException {
      json = metrics.fetch();
      channelFillMax =
          Math.max(
              channelFillMax,
              Stream.of("CHANNEL.buffer", "CHANNEL.clicks", "CHANNEL.kafka", "CHANNEL.other")
                  .mapToDouble(c -> FlumeMetrics.value(json, c, "ChannelFillPercentage").orElse(0))
                  .filter(fill -> fill <= 100) // Flume's KafkaChannel has no capacity: MAX_VALUE
                  .max()
                  .orElse(0));
    }

    @Override
    public long counter(String component, String key) {
      return (long) FlumeMetrics.value(json, component, key).orElse(0);
    }

    /** CPU seconds of the agent's JVM so far. */
    @Override
    public double cpuSeconds() throws IOException {
      return AgentMeasurements.cpuSeconds(agent.pid());
    }

    @Override
    public long pid() {
      return agent.pid();
    }

    @Override
    public Usage usage(SteadyState steady) throws IOException {
      return Usage.of(steady, agent.pid(), gcLog, channelFillMax);
    }

    @Override
    public void stop() throws InterruptedException {
      agent.stop(Duration.ofSeconds(30));
      agent.close();
    }
  }
}
