package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.RotatingLogWriter;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configurations as a fleet runs them: three collectors as three hosts (each its own
 * agent name, log directory and state), whose log files all begin with the same header line, one of
 * them idle longer than idleTimeout before a copytruncate; two loaders in one consumer group on
 * topics of 6 partitions, one killed with kill -9 and a third added while they count (rebalances);
 * the counter table's region split while counting. Counters and rows must equal the clicks written,
 * exactly. Prints a table per host.
 */
@Tag("slow")
class FleetIT {
  @TempDir static Path dir;

  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();

  private static final String HEADER = "#Software: Microsoft Internet Information Services 10.0";

  /** Writes what an idle host writes: a few lines, quiet past idleTimeout, then copytruncate. */
  private static int idleHost(Path log, ClickLog clickLog) throws Exception {
    int written = 0;
    int[] bursts = {1500, 400, 300};
    for (int round = 0; round < bursts.length; round++) {
      StringBuilder text = new StringBuilder();
      if (!Files.exists(log) || Files.size(log) == 0) {
        text.append(HEADER).append('\n');
      }
      for (int i = written; i < written + bursts[round]; i++) {
        text.append(clickLog.line(i)).append('\n');
      }
      Files.writeString(
          log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      written += bursts[round];
      Thread.sleep(7000); // idleTimeout is 3 s here: the file is closed as idle
      Files.copy(
          log,
          log.resolveSibling("access.log." + (round + 1)),
          StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
        c.truncate(0);
      }
    }
    return written;
  }

  @Test
  void threeHostsTwoLoadersARebalanceAndARegionSplitCountEveryClickOnce() throws Exception {
    Path flumeHome = TarballHome.install(dir);
    try (PipelineRig rig =
        new PipelineRig(
            flumeHome, dir.resolve("fleet"), "fleet", kafka.broker(), hbase, "access.log*", 6)) {
      List<FlumeAgent> loaders = new ArrayList<>();
      loaders.add(rig.startAs("loader.conf", "loader1", List.of()));
      loaders.add(rig.startAs("loader.conf", "loader2", List.of()));
      String[] hosts = {"web1", "web2", "web3"};
      List<FlumeAgent> collectors = new ArrayList<>();
      for (String host : hosts) {
        List<String> extra = new ArrayList<>();
        if (host.equals("web3")) {
          extra.add(host + ".sources.tail.idleTimeout = 3000");
        }
        collectors.add(rig.startAs("collector.conf", host, extra));
      }
      for (FlumeAgent c : collectors) {
        c.awaitLog("with positions in", Duration.ofSeconds(90));
      }
      long start = System.currentTimeMillis();
      Map<String, ClickLog> logs = new LinkedHashMap<>();
      Map<String, Integer> written = new LinkedHashMap<>();
      int busyLines = 12_000;
      List<RotatingLogWriter> writers = new ArrayList<>();
      for (int h = 0; h < 2; h++) {
        ClickLog clickLog = new ClickLog(101 + h, start, 2_000, 0);
        logs.put(hosts[h], clickLog);
        written.put(hosts[h], busyLines);
        writers.add(
            new RotatingLogWriter(rig.logOf(hosts[h]), busyLines, 800, 4000, clickLog::line)
                .withHeader(HEADER)
                .start());
      }
      ClickLog idle = new ClickLog(103, start, 2_000, 0);
      logs.put(hosts[2], idle);
      Thread idleWriter =
          new Thread(
              () -> {
                try {
                  written.put(hosts[2], idleHost(rig.logOf(hosts[2]), idle));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      idleWriter.start();

      Thread.sleep(5000);
      loaders.get(0).kill(); // a loader lost: its partitions move to the other
      Thread.sleep(3000);
      loaders.add(rig.startAs("loader.conf", "loader3", List.of())); // one more: a rebalance
      Thread.sleep(3000);
      try (Admin admin = hbase.connection().getAdmin()) {
        // the counter table splits while counting, between the courses' rows of the day
        String day =
            DateTimeFormatter.ofPattern("yyyyMMdd")
                .format(Instant.ofEpochMilli(start).atZone(ClickLog.zone()));
        admin.flush(TableName.valueOf(rig.table()));
        admin.split(TableName.valueOf(rig.table()), Bytes.toBytes(day + "_130"));
      }
      for (RotatingLogWriter w : writers) {
        w.await();
      }
      idleWriter.join();

      Map<String, Long> clicks = new TreeMap<>();
      int lines = 0;
      for (String host : hosts) {
        logs.get(host)
            .clicksPerCourseAndDay(written.get(host))
            .forEach((k, v) -> clicks.merge(k, v, Long::sum));
        lines += written.get(host);
      }
      long totalClicks = PipelineRig.sum(clicks);
      List<String> inKafka = rig.kafkaValues(lines + 1, Duration.ofSeconds(180));
      inKafka.removeIf(HEADER::equals);
      Set<String> distinct = new HashSet<>(inKafka);
      Map<String, Long> counted = rig.counters(totalClicks, Duration.ofSeconds(180));
      long rows = rig.rows();
      long repeats = 0;
      for (String loader : List.of("loader2", "loader3")) {
        repeats +=
            (long)
                FlumeMetrics.value(rig.metrics(loader).fetch(), "SINK.hbase", "RepeatsSkipped")
                    .orElse(0);
      }
      System.out.println(
          "| Host | Lines written (header lines aside) | In Kafka | Lost | Clicks written |");
      System.out.println("|---|---|---|---|---|");
      long lost = 0;
      for (String host : hosts) {
        long hostLost = 0;
        long hostIn = 0;
        for (int i = 0; i < written.get(host); i++) {
          boolean in = distinct.contains(logs.get(host).line(i));
          hostIn += in ? 1 : 0;
          hostLost += in ? 0 : 1;
        }
        lost += hostLost;
        System.out.printf(
            Locale.ROOT,
            "| %s | %,d | %,d | %d | %,d |%n",
            host,
            written.get(host),
            hostIn,
            hostLost,
            PipelineRig.sum(logs.get(host).clicksPerCourseAndDay(written.get(host))));
      }
      System.out.printf(
          Locale.ROOT,
          "| fleet | %,d | %,d (%,d repeated in Kafka) | %d | %,d; counted %,d, rows %,d, repeats"
              + " skipped by the loaders alive at the end %,d |%n",
          lines,
          distinct.size(),
          inKafka.size() - distinct.size(),
          lost,
          totalClicks,
          PipelineRig.sum(counted),
          rows,
          repeats);
      assertEquals(0, lost, "lines lost");
      assertEquals(clicks, counted, "clicks per course and day");
      assertEquals(totalClicks, rows, "one row per click");
      assertTrue(
          hbase
                  .connection()
                  .getRegionLocator(TableName.valueOf(rig.table()))
                  .getAllRegionLocations()
                  .size()
              >= 2,
          "the table was split");
    }
  }
}
