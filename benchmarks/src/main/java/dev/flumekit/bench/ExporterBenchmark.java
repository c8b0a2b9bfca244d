package dev.flumekit.bench;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the Prometheus monitoring costs the shipped collector and loader (Kafka channels, HBase
 * sink) on one local broker and HBase. Throughput: the same log drained through both agents with
 * the exporter off and on (scraped every second, 15× Prometheus' default rate), in turns, medians
 * of rounds; progress is read from HBase's counters, not from the agents, and the rate is taken
 * over the middle 80% of the clicks. Scrape cost: with both agents running, back-to-back scrapes of
 * each: time per scrape, size, series, and the agent's CPU per scrape (its CPU over the scrapes
 * minus its idle CPU over as long). Usage: {@code benchmarks/exporter.sh [lines] [rounds]
 * [scrapes]}.
 */
public final class ExporterBenchmark {
  private static final String PROMETHEUS =
      "-Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer";
  private static final String[] TOPICS = {"course-clicks", "access-logs", "access-unparsed"};
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path work;
  private final Path home;
  private final KafkaBroker kafka;
  private final MiniHBase hbase;
  private final Path log;

  private ExporterBenchmark(Path work, Path home, KafkaBroker kafka, MiniHBase hbase, Path log) {
    this.work = work;
    this.home = home;
    this.kafka = kafka;
    this.hbase = hbase;
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    // 300,000 lines measured agents still compiling (0.80x); 1,500,000 their steady state (0.99x)
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int scrapes = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    Path root = Paths.get("").toAbsolutePath();
    Path work = BenchmarkHome.workDirectory(root, "exporter-run");
    Path home = BenchmarkHome.flumeHome(root, work);
    Path log = Files.createDirectories(work.resolve("nginx")).resolve("access.log");
    ClickLog clickLog = new ClickLog(43, System.currentTimeMillis() - lines, 1000, 0);
    long clicks = 0;
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write(clickLog.line(i));
        out.write('\n');
        clicks += clickLog.courseOf(i) >= 0 ? 1 : 0;
      }
    }
    System.setProperty("test.build.data.basedirectory", work.resolve("hbase").toString());
    MiniHBase hbase = new MiniHBase();
    Map<Boolean, List<Double>> rates = new LinkedHashMap<>();
    rates.put(false, new ArrayList<>());
    rates.put(true, new ArrayList<>());
    Map<Boolean, List<Double>> cpu = new LinkedHashMap<>();
    cpu.put(false, new ArrayList<>());
    cpu.put(true, new ArrayList<>());
    List<String> scrapeRows = new ArrayList<>();
    try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"))) {
      hbase.start();
      ExporterBenchmark bench = new ExporterBenchmark(work, home, kafka, hbase, log);
      bench.drain("warmup", false, lines, clicks); // a fresh broker and region server are slower
      List<Boolean> order = new ArrayList<>(List.of(false, true));
      for (int round = 1; round <= rounds; round++) {
        for (boolean exporter : order) {
          double[] result = bench.drain((exporter ? "on" : "off") + round, exporter, lines, clicks);
          rates.get(exporter).add(result[0]);
          cpu.get(exporter).add(result[1]);
        }
        order.add(order.remove(0));
      }
      scrapeRows.addAll(bench.scrapeCost(scrapes, clicks));
    } finally {
      hbase.stop();
    }
    double off = AgentMeasurements.median(rates.get(false));
    double on = AgentMeasurements.median(rates.get(true));
    System.out.printf(
        "%n| Exporter | lines/s, log to HBase counters, middle 80%% (median of %d) | agents' CPU s"
            + " (median) |%n",
        rounds);
    System.out.println("|---|---|---|");
    System.out.printf(
        Locale.ROOT, "| off | %,.0f | %.1f |%n", off, AgentMeasurements.median(cpu.get(false)));
    System.out.printf(
        Locale.ROOT,
        "| on, scraped every second | %,.0f (%.2f×) | %.1f |%n",
        on,
        on / off,
        AgentMeasurements.median(cpu.get(true)));
    System.out.println("rounds off: " + rates.get(false) + "; on: " + rates.get(true));
    System.out.printf(
        "%n| Agent | scrape time median | p99 | size | series | agent CPU per scrape |%n");
    System.out.println("|---|---|---|---|---|---|");
    scrapeRows.forEach(System.out::println);
    System.out.println(AgentMeasurements.machine());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The shipped configurations, with this run's paths, hosts, topics and table. */
  private Path confs(String name) throws Exception {
    Map<String, String> replacements = RunConfs.ofRun(name, log, work, kafka, hbase);
    RunConfs.topicsOfRun(name, List.of(TOPICS), kafka, replacements);
    return RunConfs.write(
        work.resolve(name + "/conf"), RunConfs.shipped(home, "conf/"), replacements);
  }

  private FlumeAgent start(String name, Path confDir, String agent, List<String> monitoring)
      throws IOException {
    List<String> options = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"));
    options.addAll(monitoring);
    // e.g. -Dexporter.agentOptions=-XX:StartFlightRecording=filename={name}.jfr to profile
    String extra =
        System.getProperty("exporter.agentOptions", "").replace("{name}", name + "-" + agent);
    if (!extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    return FlumeAgent.start(
        home,
        confDir,
        confDir.resolve(agent + ".conf"),
        agent,
        options,
        work.resolve(name + "/logs/" + agent + ".log"));
  }

  private static List<String> prometheus(int port) {
    return List.of(PROMETHEUS, "-Dflume.monitoring.port=" + port);
  }

  /** Drains the log through both agents: lines/s and the agents' CPU seconds. */
  private double[] drain(String name, boolean exporter, int lines, long clicks) throws Exception {
    Path confDir = confs(name);
    int collectorPort = freePort();
    int loaderPort = freePort();
    AtomicBoolean scraping = new AtomicBoolean(exporter);
    try (FlumeAgent loader =
            start(name, confDir, "loader", exporter ? prometheus(loaderPort) : List.of());
        FlumeAgent collector =
            start(name, confDir, "collector", exporter ? prometheus(collectorPort) : List.of())) {
      Thread scraper =
          new Thread(
              () -> {
                while (scraping.get()) {
                  try {
                    get(collectorPort);
                    get(loaderPort);
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      scraper.setDaemon(true);
      scraper.start();
      long start = System.nanoTime();
      long deadline = start + 900_000_000_000L;
      // the rate over the middle 80% of the clicks: the agents' start, the same either way, and
      // the last batches' flush are left out
      long tenth = 0;
      long ninetieth = 0;
      long counted = 0;
      while (counted < clicks) {
        if (!collector.isAlive() || !loader.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(name + ": agents stopped or took too long");
        }
        Thread.sleep(100);
        counted = ClickCounters.sum(hbase, "access_logs_" + name);
        if (tenth == 0 && counted >= clicks / 10) {
          tenth = System.nanoTime();
        }
        if (ninetieth == 0 && counted >= clicks * 9 / 10) {
          ninetieth = System.nanoTime();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double middleRate = lines * 0.8 / ((ninetieth - tenth) / 1e9);
      double cpuSeconds =
          AgentMeasurements.cpuSeconds(collector.pid())
              + AgentMeasurements.cpuSeconds(loader.pid());
      scraping.set(false);
      scraper.interrupt();
      collector.stop(Duration.ofSeconds(30));
      loader.stop(Duration.ofSeconds(30));
      System.out.printf(
          Locale.ROOT,
          "[%s] exporter %s: %,.0f lines/s over the middle 80%% (all: %.1f s), agents' CPU %.1f"
              + " s%n",
          name,
          exporter ? "on" : "off",
          middleRate,
          seconds,
          cpuSeconds);
      return new double[] {middleRate, cpuSeconds};
    }
  }

  /** Rows of the scrape-cost table, one per agent, both agents running with the exporter. */
  private List<String> scrapeCost(int scrapes, long clicks) throws Exception {
    String name = "scrape";
    Path confDir = confs(name);
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("collector", freePort());
    ports.put("loader", freePort());
    List<String> rows = new ArrayList<>();
    try (FlumeAgent loader = start(name, confDir, "loader", prometheus(ports.get("loader")));
        FlumeAgent collector =
            start(name, confDir, "collector", prometheus(ports.get("collector")))) {
      while (ClickCounters.sum(hbase, "access_logs_" + name) < clicks) {
        Thread.sleep(500);
      }
      Thread.sleep(5_000); // the log drained: the agents are idle but for the scrapes
      for (Map.Entry<String, Integer> agent : ports.entrySet()) {
        long pid = agent.getKey().equals("loader") ? loader.pid() : collector.pid();
        for (int i = 0; i < 20; i++) {
          get(agent.getValue()); // warm up
        }
        double idleFrom = AgentMeasurements.cpuSeconds(pid);
        long idleStart = System.nanoTime();
        Thread.sleep(10_000);
        double idlePerSecond =
            (AgentMeasurements.cpuSeconds(pid) - idleFrom)
                / ((System.nanoTime() - idleStart) / 1e9);
        List<Double> millis = new ArrayList<>();
        String body = "";
        double cpuFrom = AgentMeasurements.cpuSeconds(pid);
        long from = System.nanoTime();
        for (int i = 0; i < scrapes; i++) {
          long t = System.nanoTime();
          body = get(agent.getValue());
          millis.add((System.nanoTime() - t) / 1e6);
        }
        double elapsed = (System.nanoTime() - from) / 1e9;
        double cpuPerScrape =
            (AgentMeasurements.cpuSeconds(pid) - cpuFrom - idlePerSecond * elapsed) / scrapes;
        millis.sort(Double::compare);
        long series = body.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        rows.add(
            String.format(
                Locale.ROOT,
                "| %s | %.1f ms | %.1f ms | %,d bytes | %d | %.1f ms |",
                agent.getKey(),
                AgentMeasurements.median(millis),
                millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1)),
                body.getBytes(StandardCharsets.UTF_8).length,
                series,
                cpuPerScrape * 1000));
      }
    }
    return rows;
  }

  private static String get(int port) throws InterruptedException {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    }
  }
}
