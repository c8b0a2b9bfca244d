package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.RotatingLogWriter;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's configurations as shipped, in real agents, under faults: the collector, the loader
 * or both killed with kill -9 while the log rotates, the Kafka broker down for 30 s, HBase's region
 * server lost, HBase restarted whole, poison lines, a broken configuration. Nothing written may be
 * lost, and the clicks counted in HBase and the rows stored must equal the clicks written exactly
 * (exactly-once counting); repeats Kafka holds are reported. Poison is counted and set aside
 * exactly as injected. Prints one table row per fault.
 */
@Tag("slow")
class ReliabilityIT {
  @TempDir static Path dir;

  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = new MiniHBase();
  static final List<String> table = new ArrayList<>();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @AfterAll
  static void printTable() {
    System.out.println(
        "| Injected fault | Lines written | Reached Kafka | Lost | Repeated in Kafka | Time to"
            + " recover | Clicks counted in HBase (of written) | Counted twice | Rows (one per click) |"
            + " Poison counted / set aside |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  private static PipelineRig rig(String name, String logPattern) throws Exception {
    return new PipelineRig(flumeHome, dir.resolve(name), name, kafka.broker(), hbase, logPattern);
  }

  private record Pipeline(FlumeAgent loader, FlumeAgent collector) {}

  /** Starts the loader, then the collector, and waits until the collector tails its log. */
  private static Pipeline startPipeline(PipelineRig rig) throws Exception {
    FlumeAgent loader = rig.start("loader.conf", List.of());
    FlumeAgent collector = rig.start("collector.conf", List.of());
    collector.awaitLog("with positions in", Duration.ofSeconds(60));
    return new Pipeline(loader, collector);
  }

  /**
   * Kills a running agent with kill -9 {@code times} times, {@code everyMillis} after its start,
   * and starts it again from {@code conf} each time, noting when each kill happened in {@code
   * kills}; returns the last one started.
   */
  private static FlumeAgent killRepeatedly(
      PipelineRig rig, FlumeAgent agent, String conf, int times, long everyMillis, List<Long> kills)
      throws Exception {
    for (int kill = 1; kill <= times; kill++) {
      Thread.sleep(everyMillis);
      assertTrue(agent.isAlive(), agent.log());
      kills.add(System.nanoTime());
      agent.kill();
      agent = rig.start(conf, List.of());
    }
    return agent;
  }

  /** The collector delivers when its channel's puts succeed (each one acknowledged by Kafka). */
  private static DeliveryWatch watchCollector(PipelineRig rig) throws Exception {
    return new DeliveryWatch(rig.metrics("collector"), "CHANNEL.kafka", "EventPutSuccessCount");
  }

  /** The loader delivers when its HBase sink's takes succeed (each one stored in HBase). */
  private static DeliveryWatch watchLoader(PipelineRig rig) throws Exception {
    return new DeliveryWatch(rig.metrics("loader"), "SINK.hbase", "EventDrainSuccessCount");
  }

  /**
   * How long {@code watch} saw its hop deliver nothing after each of {@code faultEnds}, in order;
   * empty for a fault that struck again before the hop delivered (an agent killed while starting).
   */
  private static Recovery recovery(DeliveryWatch watch, List<Long> faultEnds) throws Exception {
    List<Optional<Duration>> took = new ArrayList<>();
    for (int i = 0; i < faultEnds.size(); i++) {
      Duration recovered = watch.recoveredAfter(faultEnds.get(i), Duration.ofSeconds(120));
      long at = faultEnds.get(i) + recovered.toNanos();
      boolean struckFirst = i + 1 < faultEnds.size() && faultEnds.get(i + 1) < at;
      took.add(struckFirst ? Optional.empty() : Optional.of(recovered));
    }
    return new Recovery(took);
  }

  /**
   * Times to recover, one per fault: "4.2 s", or "4.2 / – / 5.0 s" where "–" is a fault that struck
   * again before the hop delivered.
   */
  private record Recovery(List<Optional<Duration>> took) {
    /**
     * Per fault, the longer of this and {@code other} (two hops recovering from the same faults).
     */
    Recovery orLonger(Recovery other) {
      List<Optional<Duration>> longer = new ArrayList<>();
      for (int i = 0; i < took.size(); i++) {
        Optional<Duration> a = took.get(i);
        Optional<Duration> b = other.took.get(i);
        longer.add(
            a.isEmpty() || b.isEmpty()
                ? Optional.empty()
                : a.get().compareTo(b.get()) >= 0 ? a : b);
      }
      return new Recovery(longer);
    }

    @Override
    public String toString() {
      List<String> seconds = new ArrayList<>();
      for (Optional<Duration> d : took) {
        seconds.add(
            d.map(t -> String.format(Locale.ROOT, "%.1f", t.toMillis() / 1000.0)).orElse("–"));
      }
      return String.join(" / ", seconds) + " s";
    }
  }

  /** Lines timed from now on, 2 ms apart. */
  private static ClickLog clickLog(long seed) {
    return new ClickLog(seed, System.currentTimeMillis(), 2_000, 0);
  }

  @Test
  void theCollectorKilledThreeTimesWhileTheLogRotatesCountsEveryClickOnce() throws Exception {
    int lines = 54_000;
    ClickLog clickLog = clickLog(21);
    // the rotated files are named by the pattern too: a file rotated away while no agent runs is
    // still found
    try (PipelineRig rig = rig("kill", "access.log*")) {
      FlumeAgent collector = startPipeline(rig).collector();
      List<Long> kills = new ArrayList<>();
      Recovery recovery;
      try (DeliveryWatch watch = watchCollector(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 3000, 4000, clickLog::line).start()) {
        killRepeatedly(rig, collector, "collector.conf", 3, 4000, kills);
        writer.await();
        recovery = recovery(watch, kills);
      }
      record(
          "collector kill -9 ×3, log rotated every 4 s (rename and copytruncate in turn)",
          rig,
          clickLog,
          lines,
          recovery);
    }
  }

  @Test
  void headerLedLogsRotatedByRenameAndCopytruncateCountEveryClickOnce() throws Exception {
    // every file of the log begins with the same line, as W3C/IIS logs, CSV exports and loggers
    // with a header pattern do; the collector is killed once meanwhile
    int lines = 36_000;
    ClickLog clickLog = clickLog(23);
    try (PipelineRig rig = rig("header", "access.log*")) {
      FlumeAgent collector = startPipeline(rig).collector();
      List<Long> kills = new ArrayList<>();
      Recovery recovery;
      try (DeliveryWatch watch = watchCollector(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 3000, 2000, clickLog::line)
                  .withHeader(W3C_HEADER)
                  .start()) {
        killRepeatedly(rig, collector, "collector.conf", 1, 5000, kills);
        writer.await();
        recovery = recovery(watch, kills);
      }
      record(
          "log whose every file begins with the same header line, rotated every 2 s (rename and"
              + " copytruncate in turn), collector kill -9 ×1",
          rig,
          clickLog,
          lines,
          recovery,
          W3C_HEADER);
    }
  }

  private static final String W3C_HEADER =
      "#Software: Microsoft Internet Information Services 10.0";

  @Test
  void theLoaderKilledThreeTimesCountsEveryClickOnce() throws Exception {
    int lines = 45_000;
    ClickLog clickLog = clickLog(25);
    try (PipelineRig rig = rig("loaderkill", "access.log*")) {
      FlumeAgent loader = startPipeline(rig).loader();
      List<Long> kills = new ArrayList<>();
      Recovery recovery;
      try (DeliveryWatch watch = watchLoader(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 3000, 4000, clickLog::line).start()) {
        killRepeatedly(rig, loader, "loader.conf", 3, 3500, kills);
        writer.await();
        recovery = recovery(watch, kills);
      }
      record("loader kill -9 ×3 under load", rig, clickLog, lines, recovery);
    }
  }

  @Test
  void bothAgentsKilledAtOnceCountEveryClickOnce() throws Exception {
    int lines = 45_000;
    ClickLog clickLog = clickLog(26);
    try (PipelineRig rig = rig("bothkill", "access.log*")) {
      Pipeline agents = startPipeline(rig);
      FlumeAgent loader = agents.loader();
      FlumeAgent collector = agents.collector();
      List<Long> kills = new ArrayList<>();
      Recovery recovery;
      try (DeliveryWatch collecting = watchCollector(rig);
          DeliveryWatch loading = watchLoader(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 3000, 4000, clickLog::line).start()) {
        for (int kill = 1; kill <= 2; kill++) {
          Thread.sleep(5000);
          kills.add(System.nanoTime());
          collector.kill();
          loader.kill();
          loader = rig.start("loader.conf", List.of());
          collector = rig.start("collector.conf", List.of());
        }
        writer.await();
        recovery = recovery(collecting, kills).orLonger(recovery(loading, kills));
      }
      record(
          "collector and loader kill -9 at once ×2, log rotating", rig, clickLog, lines, recovery);
    }
  }

  @Test
  void hbaseRestartedWholeUnderLoadCountsEveryClickOnce() throws Exception {
    int lines = 30_000;
    ClickLog clickLog = clickLog(27);
    try (PipelineRig rig = rig("hbaserestart", "access.log")) {
      Pipeline agents = startPipeline(rig);
      Recovery recovery;
      try (DeliveryWatch watch = watchLoader(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 1500, 600_000, clickLog::line).start()) {
        Thread.sleep(5000);
        hbase.stopWhole();
        Thread.sleep(5000);
        long back = System.nanoTime();
        hbase.startWhole();
        writer.await();
        recovery = recovery(watch, List.of(back));
      }
      record(
          "HBase stopped whole (region server, master, ZooKeeper) and restarted on its data",
          rig,
          clickLog,
          lines,
          recovery);
      assertTrue(agents.loader().isAlive(), "the loader recovered by itself");
    }
  }

  @Test
  void theBrokerDownFor30SecondsLosesNothing() throws Exception {
    int lines = 40_000;
    ClickLog clickLog = clickLog(22);
    try (PipelineRig rig = rig("broker", "access.log")) {
      Pipeline agents = startPipeline(rig);
      FlumeAgent loader = agents.loader();
      FlumeAgent collector = agents.collector();
      Recovery recovery;
      try (DeliveryWatch watch = watchLoader(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 1000, 600_000, clickLog::line).start()) {
        Thread.sleep(5000);
        kafka.broker().stop();
        Thread.sleep(30_000);
        long back = System.nanoTime();
        kafka.broker().startServer();
        writer.await();
        recovery = recovery(watch, List.of(back));
      }
      record("Kafka broker stopped 30 s under load", rig, clickLog, lines, recovery);
      assertTrue(collector.isAlive() && loader.isAlive(), "agents recovered by themselves");
    }
  }

  @Test
  void hbaseLosingItsRegionServerUnderLoadLosesNothing() throws Exception {
    int lines = 30_000;
    ClickLog clickLog = clickLog(24);
    try (PipelineRig rig = rig("hbase", "access.log")) {
      Pipeline agents = startPipeline(rig);
      FlumeAgent loader = agents.loader();
      FlumeAgent collector = agents.collector();
      Recovery recovery;
      try (DeliveryWatch watch = watchLoader(rig);
          RotatingLogWriter writer =
              new RotatingLogWriter(rig.log(), lines, 1500, 600_000, clickLog::line).start()) {
        Thread.sleep(5000);
        // the only region server goes away with the table's regions; a new one takes them over
        var cluster = hbase.util().getMiniHBaseCluster();
        cluster.stopRegionServer(0);
        cluster.waitOnRegionServer(0);
        Thread.sleep(10_000);
        long back = System.nanoTime();
        cluster.startRegionServer();
        writer.await();
        recovery = recovery(watch, List.of(back));
      }
      record(
          "HBase region server stopped, a new one started 10 s later",
          rig,
          clickLog,
          lines,
          recovery);
      assertTrue(loader.isAlive(), "the loader recovered by itself");
    }
  }

  @Test
  void poisonLinesAreCountedAndSetAsideExactlyAsInjected() throws Exception {
    int good = 5000;
    ClickLog clickLog = clickLog(23);
    // lines dated three hours ahead: their timestamp header is a record time Kafka 4 refuses
    ClickLog ahead = new ClickLog(29, System.currentTimeMillis() + 3 * 3_600_000L, 2_000, 0);
    try (PipelineRig rig = rig("poison", "access.log")) {
      FlumeMetrics metrics = rig.metrics("collector");
      startPipeline(rig);
      List<String> lines = new ArrayList<>();
      List<String> future = new ArrayList<>();
      Random random = new Random(5);
      for (int i = 0; i < good; i++) {
        lines.add(clickLog.line(i));
        if (i % 131 == 7) {
          lines.add("<html>not a log line " + i + "</html>"); // unparsable
        }
        if (i % 701 == 13) {
          lines.add("junk " + noise(random, 70_000)); // over the source's maxLineBytes (64 KiB)
        }
        if (i % 997 == 17) {
          lines.add(
              new String(new byte[] {(byte) 0xC3, 0, 7, (byte) 0xFF}, StandardCharsets.ISO_8859_1)
                  + i);
        }
        if (i % 503 == 19 && ahead.courseOf(i) < 0) {
          future.add(ahead.line(i));
          lines.add(ahead.line(i));
        }
      }
      long unparsable = lines.stream().filter(l -> l.startsWith("<html>")).count();
      long overlong = lines.stream().filter(l -> l.startsWith("junk ")).count();
      long binary = lines.size() - good - unparsable - overlong - future.size();
      Files.write(rig.log(), lines, StandardCharsets.ISO_8859_1);
      long poison = unparsable + overlong + binary;
      List<String> inKafka = rig.kafkaValues(lines.size() - future.size(), Duration.ofSeconds(120));
      String json =
          metrics.await("\"DeadLetterCount\":\"" + future.size() + "\"", Duration.ofSeconds(60));
      assertEquals(overlong, counter(json, "SOURCE.tail", "LinesTruncated"), json);
      assertEquals(poison, counter(json, "INTERCEPTOR.accesslog", "EventsFailed"), json);
      assertEquals(future.size(), counter(json, "CHANNEL.kafka", "DeadLetterCount"), json);
      List<String> deadLetters = rig.deadLetters("collector");
      assertEquals(future.size(), deadLetters.size(), String.join("\n", deadLetters));
      for (String line : future) {
        String base64 = Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
        assertTrue(
            deadLetters.stream().anyMatch(d -> d.contains(base64)), "dead letter for " + line);
      }
      assertTrue(inKafka.stream().noneMatch(future::contains), "no future-dated line in Kafka");
      long setAside = rig.committedRecords("access-unparsed");
      assertEquals(poison, setAside, "every poison line in access-unparsed, with its reason");
      Set<String> distinct = new HashSet<>(inKafka);
      for (int i = 0; i < good; i++) {
        assertTrue(distinct.contains(clickLog.line(i)), "good line " + i);
      }
      long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(good));
      assertEquals(clicks, PipelineRig.sum(rig.counters(clicks, Duration.ofSeconds(60))));
      table.add(
          String.format(
              Locale.ROOT,
              "| poison: %d unparsable, %d binary, %d over maxLineBytes (70 KB), %d dated 3 h"
                  + " ahead | %,d | %,d | 0 | %d | – | %,d of %,d | 0 | %,d | %d failed parses counted, %d"
                  + " truncations counted; all %d in access-unparsed with parse_error; %d dead"
                  + " letters (Kafka refused the record time), each in the dead-letter file; good"
                  + " lines unaffected |",
              unparsable,
              binary,
              overlong,
              future.size(),
              lines.size(),
              distinct.size(),
              inKafka.size() - distinct.size(),
              clicks,
              clicks,
              rig.rows(),
              poison,
              overlong,
              setAside,
              future.size()));
    }
  }

  @Test
  void aBrokenConfigurationIsRefusedWithItsKeysNamed() throws Exception {
    try (PipelineRig rig = rig("badconf", "access.log")) {
      rig.conf(
          "collector.conf",
          Map.of(
              "collector.sources.tail.batchSize = 5000",
              "collector.sources.tail.batchSise = 5000",
              "collector.channels.kafka.acks = all",
              "collector.channels.kafka.acks = most"));
      FlumeAgent collector = rig.start("collector.conf", List.of());
      collector.awaitLog("acks = 'most'", Duration.ofSeconds(60));
      collector.awaitLog("batchSise", Duration.ofSeconds(30));
      String log = collector.log();
      assertTrue(log.contains("batchSise: unknown key (did you mean batchSize?)"), log);
      assertTrue(log.contains("acks = 'most': expected one of all, -1, 1, 0"), log);
      table.add(
          "| broken configuration (an unknown source key, a bad channel value) | – | – | – | – | –"
              + " | – | – | – | refused at start, each key named in the log |");
    }
  }

  private static void record(
      String fault, PipelineRig rig, ClickLog clickLog, int lines, Recovery recovery)
      throws Exception {
    record(fault, rig, clickLog, lines, recovery, null);
  }

  /**
   * @param header a line every file begins with, or null: not one of the lines written, so left out
   *     of what is compared
   */
  private static void record(
      String fault, PipelineRig rig, ClickLog clickLog, int lines, Recovery recovery, String header)
      throws Exception {
    List<String> inKafka =
        rig.kafkaValues(lines + (header == null ? 0 : 1), Duration.ofSeconds(120));
    inKafka.removeIf(v -> v.equals(header));
    Set<String> distinct = new HashSet<>(inKafka);
    long lost = 0;
    for (int i = 0; i < lines; i++) {
      lost += distinct.contains(clickLog.line(i)) ? 0 : 1;
    }
    long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(lines));
    long counted = PipelineRig.sum(rig.counters(clicks, Duration.ofSeconds(120)));
    long rows = rig.rows();
    table.add(
        String.format(
            Locale.ROOT,
            "| %s | %,d | %,d | %d | %,d | %s | %,d of %,d | %,d | %,d of %,d | – |",
            fault,
            lines,
            distinct.size(),
            lost,
            inKafka.size() - distinct.size(),
            recovery,
            counted,
            clicks,
            Math.max(0, counted - clicks),
            rows,
            clicks));
    String kept = "";
    if (lost != 0 || counted != clicks || rows != clicks) {
      // rare and load-dependent when it happens: what the agents said and which ids the repeats
      // carried outlive the temporary directory
      List<String> notes = new ArrayList<>();
      notes.add(table.get(table.size() - 1));
      rig.repeatedLineIds().forEach((line, ids) -> notes.add(ids + " " + line));
      kept =
          " (agents' logs, state and the repeats' line ids kept in "
              + rig.keepForDiagnosis(notes)
              + ")";
    }
    assertEquals(0, lost, fault + ": lines lost" + kept);
    assertEquals(clicks, counted, fault + ": clicks counted" + kept);
    assertEquals(clicks, rows, fault + ": one row per click" + kept);
  }

  private static String noise(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('!' + random.nextInt(90)));
    }
    return text.toString();
  }

  /** A counter of the agent's /metrics, or -1 when the component does not report it. */
  private static long counter(String json, String component, String key) {
    return (long) FlumeMetrics.value(json, component, key).orElse(-1);
  }
}
