package dev.flumekit.demo;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.RotatingLogWriter;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The seed pipeline on one machine: a local Kafka (KRaft) and HBase, an nginx access log written at
 * a chosen rate and rotated now and then, the tarball's collector and loader agents started with
 * {@code bin/flumekit-agent} from its {@code conf/}, live progress from their monitoring, and the
 * clicks per course and day read back from HBase as a terminal chart and an HTML page.
 *
 * <pre>
 * ./demo.sh [--rate LINES_PER_S] [--seconds S] [--rotate-seconds S] [--keep]
 * </pre>
 */
public final class Demo {
  private static final String[] TOPICS = {"course-clicks", "access-logs", "access-unparsed"};
  private static final String TABLE = "access_logs";

  private final int rate;
  private final int seconds;
  private final int rotateSeconds;
  private final boolean keep;
  private final Path tarball;
  private final Path work;
  private final List<Process> agents = new ArrayList<>();

  private Demo(Map<String, String> options, Path tarball, Path work) {
    this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
    this.seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    this.rotateSeconds = Integer.parseInt(options.getOrDefault("rotate-seconds", "20"));
    this.keep = options.containsKey("keep");
    this.tarball = tarball;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(System.getProperty("flumekit.root", ".")).toAbsolutePath().normalize();
    System.exit(run(args, root));
  }

  /**
   * Runs the demo in {@code root}'s {@code demo/target/run-<time>}.
   *
   * @return 0 when HBase counted every click written, 1 when not, 2 for bad arguments
   */
  static int run(String[] args, Path root) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (name.equals("keep")) {
        options.put(name, "true");
      } else if (i + 1 < args.length
          && List.of("rate", "seconds", "rotate-seconds").contains(name)
          && args[i + 1].matches("[1-9][0-9]*")) {
        options.put(name, args[++i]);
      } else {
        System.err.println(
            "usage: demo.sh [--rate LINES_PER_S (2000)] [--seconds S (60)] [--rotate-seconds S"
                + " (20)] [--keep]");
        return 2;
      }
    }
    Path tarball;
    try (Stream<Path> files = Files.list(root.resolve("distribution/target"))) {
      tarball =
          files
              .filter(p -> p.getFileName().toString().endsWith("-plugins.tar.gz"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("build the tarball first: mvn package"));
    }
    Path work =
        root.resolve(
            "demo/target/run-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(work.resolve("logs"));
    System.setProperty("flumekit.demo.log", work.resolve("logs/kafka-and-hbase.log").toString());
    return new Demo(options, tarball, work).run();
  }

  private int run() throws Exception {
    Files.createDirectories(work);
    say("flumekit demo in " + work);
    System.setProperty("test.build.data.basedirectory", work.resolve("hbase").toString());
    KafkaBroker kafka = null;
    MiniHBase hbase = new MiniHBase();
    try {
      say("starting Kafka (KRaft, one broker on loopback) ...");
      kafka = KafkaBroker.start(work.resolve("kafka"));
      for (String topic : TOPICS) {
        kafka.createTopic(topic, 3);
      }
      say("Kafka at " + kafka.bootstrapServers() + ", topics " + String.join(", ", TOPICS));
      say("starting HBase (ZooKeeper and one region server on loopback) ...");
      hbase.start();
      hbase.createTable(TABLE, "d", "c");
      say("HBase at ZooKeeper " + hbase.zookeeperQuorum() + ", table " + TABLE + " (d, c)");

      Path kit = work.resolve("flumekit");
      Files.createDirectories(kit);
      exec("tar", "xzf", tarball.toString(), "-C", kit.toString());
      Path log = Files.createDirectories(work.resolve("nginx")).resolve("access.log");
      Path conf = adaptConf(kit, log, kafka.bootstrapServers(), hbase.zookeeperQuorum());
      FlumeMetrics collector = startAgent(kit, conf, "collector");
      FlumeMetrics loader = startAgent(kit, conf, "loader");

      awaitStarted(collector, "collector", "component=\"tail\"", "component=\"kafka\"");
      awaitStarted(loader, "loader", "component=\"clicks\"", "component=\"hbase\"");
      startDashboard(kit, hbase.zookeeperQuorum());
      int lines = rate * seconds;
      ClickLog clickLog = new ClickLog(42, System.currentTimeMillis(), 1_000_000L / rate, 200);
      say(
          String.format(
              Locale.ROOT,
              "writing %,d access-log lines at %,d lines/s to %s, rotated every %d s",
              lines,
              rate,
              log,
              rotateSeconds));
      System.out.println();
      System.out.println(
          "   time | log lines/s | collector: in/s  ->kafka/s  put ms  dead | loader: in/s   lag"
              + "  ->hbase/s  incr  dead");
      long clicks;
      Map<String, Long> expected;
      try (RotatingLogWriter writer =
          new RotatingLogWriter(log, lines, rate, rotateSeconds * 1000L, clickLog::line).start()) {
        Progress progress = new Progress(collector, loader);
        long start = System.nanoTime();
        while (!writer.done()) {
          Thread.sleep(1000);
          progress.print(start, writer.written());
        }
        writer.await();
        expected = clickLog.clicksPerCourseAndDay(lines);
        clicks = expected.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sum(counters(hbase)) < clicks && System.nanoTime() < deadline) {
          Thread.sleep(1000);
          progress.print(start, writer.written());
        }
      }
      Map<String, Long> counted = counters(hbase);
      System.out.println();
      ClicksChart chart = new ClicksChart(counted);
      System.out.print(chart.terminal());
      boolean exact = counted.equals(expected);
      String verdict =
          String.format(
              Locale.ROOT,
              "%,d lines written, %,d course clicks among them; HBase counts %,d: %s",
              lines,
              clicks,
              sum(counted),
              exact ? "every click counted once" : "NOT equal to the clicks written");
      Path html = work.resolve("clicks-per-course.html");
      chart.writeHtml(html, verdict);
      System.out.println();
      say(verdict);
      say("chart: " + html);
      return exact ? 0 : 1;
    } finally {
      stopAgents();
      hbase.stop();
      if (kafka != null) {
        kafka.close();
      }
      if (!keep) {
        for (String data : List.of("kafka", "hbase", "state")) {
          deleteTree(work.resolve(data));
        }
      }
      say(
          "stopped everything. Agents' logs: "
              + work.resolve("logs")
              + "; the access log: "
              + work.resolve("nginx")
              + (keep ? "; Kafka, HBase and channel data kept under " + work : ""));
    }
  }

  /** The shipped collector and loader configurations with this machine's paths and ports. */
  private Path adaptConf(Path kit, Path log, String kafka, String zookeeper) throws IOException {
    Path conf = Files.createDirectories(work.resolve("conf"));
    // the shipped files, as the tarball has them (X.dist: an upgrade never replaces an edited X)
    Files.copy(kit.resolve("conf/flumekit/log4j2.xml.dist"), conf.resolve("log4j2.xml"));
    Files.copy(kit.resolve("conf/flumekit/flume-env.sh.dist"), conf.resolve("flume-env.sh"));
    for (String name : List.of("collector.conf", "loader.conf")) {
      String text =
          Files.readString(kit.resolve("conf").resolve(name + ".dist"))
              .replace("/var/log/nginx/access.log", log.toString())
              .replace("/var/lib/flumekit", work.resolve("state").toString())
              .replace("localhost:9092", kafka)
              .replace("localhost:2181", zookeeper);
      Files.writeString(conf.resolve(name), text);
    }
    return conf;
  }

  private FlumeMetrics startAgent(Path kit, Path conf, String name) throws IOException {
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    List<String> command = new ArrayList<>();
    command.add(kit.resolve("bin/flumekit-agent").toString());
    command.addAll(List.of("agent", "-n", name, "-c", conf.toString()));
    command.addAll(List.of("-f", conf.resolve(name + ".conf").toString()));
    command.addAll(metrics.prometheusJvmOptions());
    Path logs = Files.createDirectories(work.resolve("logs"));
    ProcessBuilder agent =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".out").toFile());
    agent.environment().put("FLUME_LOG_DIR", logs.toString());
    agent.environment().put("JAVA_HOME", System.getProperty("java.home"));
    agent.environment().remove("FLUME_HOME");
    agents.add(agent.start());
    say(
        "started the "
            + name
            + " agent ("
            + conf.resolve(name + ".conf")
            + "); Prometheus metrics on http://127.0.0.1:"
            + metrics.port()
            + "/metrics, health on /health");
    return metrics;
  }

  /**
   * Starts the click dashboard ({@code bin/flumekit-agent dashboard}) on the demo's HBase, stopped
   * with the agents, and prints its address.
   */
  private void startDashboard(Path kit, String zookeeper) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path logs = work.resolve("logs");
    ProcessBuilder dashboard =
        new ProcessBuilder(
                kit.resolve("bin/flumekit-agent").toString(),
                "dashboard",
                "--zookeeper",
                zookeeper,
                "--table",
                TABLE,
                "--timezone",
                "Asia/Shanghai",
                "--port",
                String.valueOf(port),
                "--refreshSeconds",
                "2")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve("dashboard.out").toFile());
    dashboard.environment().put("FLUME_LOG_DIR", logs.toString());
    dashboard.environment().put("JAVA_HOME", System.getProperty("java.home"));
    dashboard.environment().remove("FLUME_HOME");
    Process process = dashboard.start();
    agents.add(process);
    Path out = logs.resolve("dashboard.out");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.readString(out).contains("Click dashboard of table")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the click dashboard did not start; see " + out);
      }
      Thread.sleep(250);
    }
    say("click dashboard (clicks per course, live from HBase): http://127.0.0.1:" + port + "/");
  }

  /** Waits until the agent's monitoring shows its components: then it tails from the start. */
  private void awaitStarted(FlumeMetrics metrics, String name, String... components)
      throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      String json = metrics.fetch();
      if (List.of(components).stream().allMatch(json::contains)) {
        say("the " + name + " agent is running");
        return;
      }
      for (Process p : agents) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "an agent stopped; see " + work.resolve("logs") + " (*.out, *.log)");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not start; see " + work.resolve("logs"));
      }
      Thread.sleep(250);
    }
  }

  private void stopAgents() throws InterruptedException {
    for (Process p : agents) {
      p.destroy();
    }
    for (Process p : agents) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static Map<String, Long> counters(MiniHBase hbase) throws Exception {
    Map<String, Long> counted = new TreeMap<>();
    try (Table t = hbase.connection().getTable(TableName.valueOf(TABLE));
        ResultScanner scanner = t.getScanner(new Scan().addFamily(Bytes.toBytes("c")))) {
      for (Result r : scanner) {
        byte[] value = r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"));
        if (value != null) {
          counted.put(Bytes.toString(r.getRow()), Bytes.toLong(value));
        }
      }
    }
    return counted;
  }

  private static long sum(Map<String, Long> counters) {
    return counters.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("failed: " + String.join(" ", command));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void say(String text) {
    System.out.println("[demo] " + text);
  }
}
