package dev.flumekit.bench;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.RotatingLogWriter;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The soak: the shipped collector and loader for {@code minutes} at {@code rate} lines a second,
 * the log rotated every minute (rename and copytruncate in turn) and a fault every {@code
 * faultEvery} minutes, in turn: collector kill -9, loader kill -9, the Kafka broker stopped 30 s,
 * HBase stopped whole and restarted, both agents killed. Every minute it prints each agent's heap
 * after its latest collection, threads and open files; at the end, that every click was counted
 * once and stored once. Not part of the build: run {@code benchmarks/soak.sh}.
 */
public final class SoakRun {
  private static final String[] TOPICS = {"course-clicks", "access-logs", "access-unparsed"};
  private static final String[] FAULTS = {
    "collector kill -9",
    "loader kill -9",
    "Kafka broker stopped 30 s",
    "HBase stopped whole and restarted",
    "collector and loader kill -9"
  };

  private final Path home;
  private final Path confDir;
  private final Path work;
  private final KafkaBroker kafka;
  private final MiniHBase hbase;
  private final Map<String, FlumeAgent> agents = new LinkedHashMap<>();
  private final Map<String, Path> gcLogs = new LinkedHashMap<>();
  private int starts;

  private SoakRun(Path home, Path confDir, Path work, KafkaBroker kafka, MiniHBase hbase) {
    this.home = home;
    this.confDir = confDir;
    this.work = work;
    this.kafka = kafka;
    this.hbase = hbase;
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int faultEvery = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "soak");
    Path home = BenchmarkHome.flumeHome(root, work);
    System.setProperty("test.build.data.basedirectory", work.resolve("hbase").toString());
    MiniHBase hbase = new MiniHBase();
    try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"))) {
      hbase.start();
      hbase.createTable("access_logs", "d", "c");
      Path logs = Files.createDirectories(work.resolve("nginx"));
      Map<String, String> replacements =
          RunConfs.servers(
              logs.resolve("access.log*").toString(), work.resolve("state"), kafka, hbase);
      for (String topic : TOPICS) {
        kafka.createTopic(topic, 3);
      }
      Path confDir =
          RunConfs.write(work.resolve("conf"), RunConfs.shipped(home, "conf/"), replacements);
      new SoakRun(home, confDir, work, kafka, hbase)
          .run(logs.resolve("access.log"), minutes, rate, faultEvery);
    } finally {
      hbase.stop();
    }
  }

  private void run(Path log, int minutes, int rate, int faultEvery) throws Exception {
    int lines = minutes * 60 * rate;
    // lines timed at the writer's pace, from now: Kafka refuses record times an hour ahead
    ClickLog clickLog = new ClickLog(7, System.currentTimeMillis(), 1_000_000L / rate, 0);
    start("loader");
    start("collector");
    agents.get("collector").awaitLog("with positions in", Duration.ofSeconds(120));
    System.out.printf(
        "soak: %d minutes at %,d lines/s (%,d lines), rotation every minute, a fault every %d"
            + " minutes; work in %s%n",
        minutes, rate, lines, faultEvery, work);
    System.out.println(
        "| minute | lines written | fault | collector heap after GC (MiB) / threads / open files"
            + " | loader heap after GC (MiB) / threads / open files |");
    System.out.println("|---|---|---|---|---|");
    long started = System.nanoTime();
    try (RotatingLogWriter writer =
        new RotatingLogWriter(log, lines, rate, 60_000, clickLog::line).start()) {
      int fault = 0;
      for (int minute = 1; !writer.done(); minute++) {
        long due = started + minute * 60_000_000_000L;
        while (System.nanoTime() < due && !writer.done()) {
          Thread.sleep(500);
        }
        String injected = "";
        if (minute % faultEvery == 0 && !writer.done()) {
          injected = FAULTS[fault++ % FAULTS.length];
          inject(injected);
        }
        System.out.printf(
            "| %d | %,d | %s | %s | %s |%n",
            minute, writer.written(), injected, usage("collector"), usage("loader"));
      }
      writer.await();
    }
    long clicks = clickLog.clicksPerCourseAndDay(lines).values().stream().mapToLong(v -> v).sum();
    long counted = awaitCounters(clicks, Duration.ofMinutes(10));
    long rows = rows();
    System.out.printf(
        Locale.ROOT,
        "soak done: %,d lines, %,d clicks; counted %,d, rows %,d: %s%n",
        lines,
        clicks,
        counted,
        rows,
        counted == clicks && rows == clicks ? "exact" : "NOT EXACT");
    for (FlumeAgent agent : agents.values()) {
      agent.stop(Duration.ofSeconds(60));
    }
    System.out.println(AgentMeasurements.machine());
  }

  private void inject(String fault) throws Exception {
    switch (fault) {
      case "collector kill -9" -> restart("collector");
      case "loader kill -9" -> restart("loader");
      case "Kafka broker stopped 30 s" -> {
        kafka.stop();
        Thread.sleep(30_000);
        kafka.startServer();
      }
      case "HBase stopped whole and restarted" -> hbase.restartWhole(10_000);
      default -> {
        agents.get("collector").kill();
        agents.get("loader").kill();
        start("loader");
        start("collector");
      }
    }
  }

  private void restart(String name) throws Exception {
    agents.get(name).kill();
    start(name);
  }

  private void start(String name) throws IOException {
    int n = starts++;
    Path gcLog = work.resolve("logs/" + name + "-" + n + "-gc.log");
    Files.createDirectories(gcLog.getParent());
    agents.put(
        name,
        FlumeAgent.start(
            home,
            confDir,
            confDir.resolve(name + ".conf"),
            name,
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-Xlog:gc:file=" + gcLog),
            work.resolve("logs/" + name + "-" + n + ".log")));
    gcLogs.put(name, gcLog);
  }

  /** Heap after the latest collection, threads and open files of an agent's current JVM. */
  private String usage(String name) throws IOException, InterruptedException {
    FlumeAgent agent = agents.get(name);
    // a restarted JVM needs a moment to start its threads and open its files
    Thread.sleep(5000);
    if (!agent.isAlive()) {
      return "not running";
    }
    long pid = agent.pid();
    long threads = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    long files;
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      files = fds.count();
    }
    return String.format(
        "%d / %d / %d", AgentMeasurements.latestHeapAfterGcMiB(gcLogs.get(name)), threads, files);
  }

  private long awaitCounters(long clicks, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long sum;
    do {
      Thread.sleep(2000);
      sum = 0;
      try (Table t = hbase.connection().getTable(TableName.valueOf("access_logs"));
          ResultScanner scanner = t.getScanner(new Scan().addFamily(Bytes.toBytes("c")))) {
        for (Result r : scanner) {
          byte[] value = r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"));
          sum += value == null ? 0 : Bytes.toLong(value);
        }
      }
    } while (sum < clicks && System.nanoTime() < deadline);
    return sum;
  }

  private long rows() throws Exception {
    long rows = 0;
    try (Table t = hbase.connection().getTable(TableName.valueOf("access_logs"));
        ResultScanner scanner =
            t.getScanner(
                new Scan().addFamily(Bytes.toBytes("d")).setFilter(new FirstKeyOnlyFilter()))) {
      for (Result ignored : scanner) {
        rows++;
      }
    }
    return rows;
  }
}
