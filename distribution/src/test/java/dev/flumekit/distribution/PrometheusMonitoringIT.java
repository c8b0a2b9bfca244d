package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBrokerExtension;
import dev.flumekit.testkit.PrometheusText;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus monitoring service in real agents of the tarball: the shipped collector and loader
 * serve every component's metrics (Flume's own interceptor-less counters and flumekit's), the
 * current lag per partition and health; a component Flume dropped at start and a sink that cannot
 * deliver make /health fail with the reason.
 */
@Tag("slow")
class PrometheusMonitoringIT {
  static final String PROMETHEUS =
      "-Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer";
  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  record Response(int status, String body) {}

  /** A GET of the agent's monitoring; status -1 when it does not answer within 10 s. */
  static Response get(int port, String path) throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    }
  }

  static OptionalDouble sample(String text, String metric, String... labels) {
    return PrometheusText.value(text, metric, labels);
  }

  static List<Double> samples(String text, String metric) {
    return PrometheusText.values(text, metric);
  }

  static String awaitMetrics(int port, Predicate<String> done, String what) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String text = "";
    while (System.nanoTime() < deadline) {
      Response r = get(port, "/metrics");
      text = r.body();
      if (r.status() == 200 && done.test(text)) {
        return text;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + " never in /metrics:\n" + text);
  }

  static Response awaitHealth(int port, int status) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    Response r = get(port, "/health");
    while (r.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(500);
      r = get(port, "/health");
    }
    assertEquals(status, r.status(), r.body());
    return r;
  }

  @Test
  void theShippedAgentsServeEveryComponentsMetricsCurrentLagAndHealth() throws Exception {
    ClickLog clickLog = new ClickLog(41, System.currentTimeMillis(), 2_000, 0);
    try (PipelineRig rig =
        new PipelineRig(
            flumeHome, dir.resolve("pipeline"), "prom", kafka.broker(), hbase, "access.log")) {
      FlumeAgent loader = rig.start("loader.conf", List.of(PROMETHEUS));
      FlumeAgent collector = rig.start("collector.conf", List.of(PROMETHEUS));
      collector.awaitLog("with positions in", Duration.ofSeconds(60));
      int collectorPort = rig.metrics("collector").port();
      int loaderPort = rig.metrics("loader").port();
      rig.append(clickLog, 0, 3_000);
      long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(3_000));
      assertEquals(clicks, PipelineRig.sum(rig.counters(clicks, Duration.ofSeconds(120))));

      String collected =
          awaitMetrics(
              collectorPort,
              t ->
                  sample(t, "flume_source_event_accepted_total", "component=\"tail\"").orElse(0)
                          >= 3_000
                      && sample(t, "flume_source_file_unread_bytes", "component=\"tail\"")
                          .isPresent(),
              "3,000 events accepted by the tail source");
      String tail =
          "agent=\"collector\",component=\"tail\",type=\"dev.flumekit.source.TailSource\"";
      assertEquals(3_000, sample(collected, "flume_source_event_accepted_total", tail).orElse(-1));
      assertTrue(sample(collected, "flume_source_bytes_read_total", tail).orElse(0) > 0, collected);
      assertEquals(
          3_000,
          sample(collected, "flume_channel_event_put_success_total", "component=\"kafka\"")
              .orElse(-1),
          collected);
      // labelled with the names the configuration gives them, not by their kind
      assertEquals(
          3_000,
          sample(
                  collected,
                  "flume_interceptor_events_seen_total",
                  "component=\"access\",source=\"tail\","
                      + "type=\"dev.flumekit.interceptor.AccessLogInterceptor$Builder\"")
              .orElse(-1),
          collected);
      assertTrue(
          sample(collected, "flume_interceptor_events_seen_total", "component=\"route\"")
              .isPresent(),
          collected);
      assertTrue(
          sample(collected, "flume_interceptor_events_seen_total", "component=\"accesslog\"")
              .isEmpty(),
          collected);
      assertEquals(
          1,
          sample(collected, "flume_component_up", "component=\"tail\",kind=\"source\"").orElse(-1),
          collected);
      assertTrue(samples(collected, "jvm_memory_used_bytes").size() > 0, collected);
      // every line is in the channel; the file's size was listed after the last commit or before it
      assertTrue(
          sample(collected, "flume_source_file_unread_bytes", "file=\"" + rig.log() + "\"")
                  .orElse(-1)
              >= 0,
          collected);
      double puts =
          sample(collected, "flume_channel_put_duration_seconds_count", "component=\"kafka\"")
              .orElse(0);
      assertTrue(puts > 0, collected);
      assertEquals(
          puts,
          sample(
                  collected,
                  "flume_channel_put_duration_seconds_bucket",
                  "component=\"kafka\"",
                  "le=\"+Inf\"")
              .orElse(-1),
          collected);

      String loaded =
          awaitMetrics(
              loaderPort,
              t ->
                  sample(t, "flume_sink_event_drain_success_total", "component=\"hbase\"").orElse(0)
                          >= clicks
                      && samples(t, "flume_channel_partition_lag").size() == 3
                      && samples(t, "flume_channel_partition_lag").stream().allMatch(v -> v == 0),
              "every click drained and the lag of all 3 partitions at 0");
      String sink = "agent=\"loader\",component=\"hbase\",type=\"dev.flumekit.hbase.HBaseSink\"";
      assertTrue(
          sample(loaded, "flume_sink_last_delivery_timestamp_seconds", sink).orElse(0)
              > System.currentTimeMillis() / 1000.0 - 120,
          loaded);
      assertTrue(
          sample(
                  loaded,
                  "flume_channel_partition_lag",
                  "topic=\"prom-course-clicks\"",
                  "partition=\"2\"")
              .isPresent(),
          loaded);
      assertTrue(
          sample(loaded, "flume_sink_send_duration_seconds_count", sink).orElse(0) > 0, loaded);
      // every click has its log line's time: its age at the sink is counted
      assertEquals(
          clicks, sample(loaded, "flume_sink_event_age_seconds_count", sink).orElse(-1), loaded);
      Response health = awaitHealth(loaderPort, 200);
      assertTrue(health.body().startsWith("{\"status\":\"ok\",\"components\":2,"), health.body());
      awaitHealth(collectorPort, 200);
      // the collector reports the lag of the group reading what it writes: the loader's
      String loaderGroup = "group=\"loader\"";
      String clicksTopic = "topic=\"prom-course-clicks\"";
      collected =
          awaitMetrics(
              collectorPort,
              t ->
                  samples(t, "flume_channel_group_lag").size() >= 3
                      && sample(t, "flume_channel_group_lag", loaderGroup, clicksTopic).isPresent(),
              "the loader group's lag on course-clicks, as the collector measures it");
      lintedByPromtool("collector", collected);
      lintedByPromtool("loader", loaded);

      if (PrometheusServer.installed("prometheus")) {
        scrapedByARealPrometheus(collectorPort, loaderPort);
      }

      // the loader stopped: its lag is still reported, by the collector, and grows
      loader.stop(Duration.ofSeconds(30));
      rig.append(clickLog, 3_000, 6_000);
      long newClicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(6_000)) - clicks;
      String behind =
          awaitMetrics(
              collectorPort,
              t -> groupLag(t, loaderGroup, clicksTopic) >= newClicks,
              newClicks + " clicks behind for group loader, reported by the collector");
      System.out.printf(
          "loader stopped: the collector reports group loader %.0f records behind on"
              + " course-clicks (%d clicks written since)%n",
          groupLag(behind, loaderGroup, clicksTopic), newClicks);
      assertTrue(
          sample(behind, "flume_channel_size", "component=\"kafka\"").orElse(0) >= newClicks,
          "a put-only channel holds what its readers have not taken, not 0\n" + behind);

      // the file-channel loader reads with the Kafka source: its lag metric exists too
      rig.start("file-channel/loader.conf", List.of(PROMETHEUS));
      String fileChannelLoaded =
          awaitMetrics(
              loaderPort,
              t -> samples(t, "flume_source_partition_lag").size() == 3,
              "the Kafka source's lag of 3 partitions");
      Set<String> served = new TreeSet<>();
      for (String text : List.of(collected, loaded, fileChannelLoaded)) {
        Matcher m = Pattern.compile("(?m)^([a-z_]+)\\{").matcher(text);
        while (m.find()) {
          served.add(m.group(1));
        }
      }
      System.out.println("metrics the shipped agents serve: " + served);
      Path monitoring = flumeHome.resolve("conf/monitoring");
      for (String shipped : List.of("flumekit-alerts.yml", "flumekit-grafana.json")) {
        Matcher m =
            Pattern.compile("\\b((?:flume|jvm)_[a-z_]+)")
                .matcher(Files.readString(monitoring.resolve(shipped)));
        Set<String> queried = new TreeSet<>();
        while (m.find()) {
          queried.add(m.group(1));
        }
        assertTrue(queried.size() > 5, shipped + " queries " + queried);
        queried.removeAll(served);
        // a Kafka sink's group lag, the file-channel collector's (no Kafka sink runs here), is the
        // same attribute as the channel's: MonitoringOutagesIT scrapes it
        queried.remove("flume_sink_group_lag");
        assertEquals(Set.of(), queried, shipped + " queries metrics no agent serves");
      }
    }
  }

  /**
   * Prometheus (Debian's package) scrapes both agents with the shipped rules: a query returns the
   * agents' numbers, and every rule evaluates.
   */
  private static void scrapedByARealPrometheus(int collectorPort, int loaderPort) throws Exception {
    try (PrometheusServer prometheus =
        new PrometheusServer(
            dir.resolve("prometheus"),
            List.of(collectorPort, loaderPort),
            flumeHome.resolve("conf/monitoring/flumekit-alerts.yml"))) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      String answer = "";
      while (System.nanoTime() < deadline) {
        answer =
            prometheus.api(
                "query",
                "flume_channel_event_put_success_total{agent=\"collector\",component=\"kafka\"}");
        if (answer.contains("\"3000\"]")) {
          break;
        }
        Thread.sleep(500);
      }
      assertTrue(answer.contains("\"3000\"]"), answer);
      // both targets scraped, every rule evaluated at least once (health "ok", not "unknown")
      String up = "";
      String rules = "";
      long shippedRules =
          Files.readAllLines(flumeHome.resolve("conf/monitoring/flumekit-alerts.yml")).stream()
              .filter(l -> l.trim().startsWith("- alert:"))
              .count();
      deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        up = prometheus.api("query", "sum(flume_component_up)");
        rules = prometheus.api("rules", null);
        if (up.contains("\"4\"]")
            && rules.split("\"health\":\"ok\"", -1).length - 1 == shippedRules) {
          break;
        }
        Thread.sleep(500);
      }
      // collector: source tail, channel kafka; loader: channel clicks, sink hbase
      assertTrue(up.contains("\"4\"]"), up);
      assertEquals(shippedRules, rules.split("\"health\":\"ok\"", -1).length - 1, rules);
    }
  }

  @Test
  void theShippedAlertRulesAndPrometheusConfigPassPromtool() throws Exception {
    assumeTrue(PrometheusServer.installed("promtool"), "promtool installed (.ci/run does)");
    Path monitoring = flumeHome.resolve("conf/monitoring");
    for (List<String> check :
        List.of(
            List.of("promtool", "check", "rules", "flumekit-alerts.yml"),
            List.of("promtool", "check", "config", "prometheus.yml"))) {
      Process p =
          new ProcessBuilder(check)
              .directory(monitoring.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), String.join(" ", check) + ":\n" + out);
      assertTrue(out.contains("SUCCESS"), out);
    }
    // the rules fire as documented: the group lag once per group and topic whichever agents
    // report it (also once the consumer's own agent is gone), a stalled component after its for:
    Path rules = Files.createDirectories(dir.resolve("rule-tests"));
    Files.copy(monitoring.resolve("flumekit-alerts.yml"), rules.resolve("flumekit-alerts.yml"));
    try (var test =
        PrometheusMonitoringIT.class.getResourceAsStream("/monitoring/flumekit-alerts.test.yml")) {
      Files.copy(test, rules.resolve("flumekit-alerts.test.yml"));
    }
    Process p =
        new ProcessBuilder("promtool", "test", "rules", "flumekit-alerts.test.yml")
            .directory(rules.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "promtool test rules:\n" + out);
    assertTrue(out.contains("SUCCESS"), out);
  }

  /** The lag of one group on one topic, all partitions, as one agent reports it. */
  private static double groupLag(String text, String group, String topic) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("flume_channel_group_lag{")
          && line.contains(group)
          && line.contains(topic)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** {@code promtool check metrics} finds nothing to remark on in a real scrape. */
  private static void lintedByPromtool(String agent, String scrape) throws Exception {
    if (!PrometheusServer.installed("promtool")) {
      return;
    }
    // kept beside the build's other reports, to read what promtool read
    Path file = Files.createDirectories(Path.of("target/scrapes")).resolve(agent + ".txt");
    Files.writeString(file, scrape);
    Process p =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "promtool check metrics on the " + agent + "'s scrape:\n" + out);
    assertEquals("", out.trim(), "promtool check metrics on the " + agent + "'s scrape");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static FlumeAgent startAgent(String name, String conf, int port, String... options)
      throws Exception {
    Path confDir = dir.resolve("conf-" + name);
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());
    List<String> jvm = new ArrayList<>(List.of(PROMETHEUS, "-Dflume.monitoring.port=" + port));
    jvm.addAll(List.of(options));
    return FlumeAgent.start(
        flumeHome, confDir, confFile, "a1", jvm, dir.resolve("logs/" + name + ".log"));
  }

  @Test
  void aComponentFlumeDroppedAtStartFailsHealthAndIsDown() throws Exception {
    Path log = Files.createDirectories(dir.resolve("dropped")).resolve("app.log");
    String conf =
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(log, dir.resolve("dropped/positions")),
            List.of("type = memory"),
            List.of(
                "type = dev.flumekit.kafka.KafkaSink",
                "kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
                "kafka.topic = dropped",
                "acks = some"));
    int port = freePort();
    try (FlumeAgent agent = startAgent("dropped", conf, port)) {
      agent.awaitLog("with positions in", Duration.ofSeconds(60));
      Response health = awaitHealth(port, 503);
      assertTrue(
          health
              .body()
              .contains("sink k1 (dev.flumekit.kafka.KafkaSink) is configured but not running"),
          health.body());
      String text = get(port, "/metrics").body();
      assertEquals(0, sample(text, "flume_component_up", "component=\"k1\"").orElse(-1), text);
      assertEquals(1, sample(text, "flume_component_up", "component=\"r1\"").orElse(-1), text);
    }
  }

  @Test
  void aSinkThatCannotDeliverWhileItsChannelHoldsEventsFailsHealthUntilItDeliversAgain()
      throws Exception {
    kafka.broker().createTopic("stalled", 1);
    Path log = Files.createDirectories(dir.resolve("stalled")).resolve("app.log");
    String conf =
        String.join(
            "\n",
            "a1.sources = r1",
            "a1.channels = c1",
            "a1.sinks = k1",
            "a1.sources.r1.type = dev.flumekit.source.TailSource",
            "a1.sources.r1.channels = c1",
            "a1.sources.r1.filegroups = app",
            "a1.sources.r1.filegroups.app = " + log,
            "a1.sources.r1.positionFile = " + dir.resolve("stalled/positions"),
            "a1.channels.c1.type = memory",
            "a1.channels.c1.capacity = 100000",
            "a1.channels.c1.transactionCapacity = 1000",
            "a1.sinks.k1.type = dev.flumekit.kafka.KafkaSink",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.kafka.bootstrap.servers = " + kafka.broker().bootstrapServers(),
            "a1.sinks.k1.kafka.topic = stalled",
            "");
    int port = freePort();
    try (FlumeAgent agent =
        startAgent("stalled", conf, port, "-Dflume.monitoring.health.deliveryTimeoutSeconds=5")) {
      agent.awaitLog("with positions in", Duration.ofSeconds(60));
      Files.writeString(log, "one\ntwo\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      awaitMetrics(
          port,
          t -> sample(t, "flume_sink_event_drain_success_total", "component=\"k1\"").orElse(0) >= 2,
          "two events delivered");
      awaitHealth(port, 200);
      kafka.broker().stop();
      try {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
          lines.append("line ").append(i).append('\n');
        }
        Files.writeString(log, lines, StandardOpenOption.APPEND);
        long stopped = System.nanoTime();
        Response failing = awaitHealth(port, 503);
        // the sink's batch waits for Kafka (said first, with the cause); its deliveries stopped too
        assertTrue(
            failing
                .body()
                .matches(
                    ".*sink k1 has (waited \\d+ s for Kafka to acknowledge a batch|delivered"
                        + " nothing for \\d+ s while channel c1 holds \\d+ events).*"),
            failing.body());
        System.out.printf(
            "Kafka stopped under a Kafka sink (timeout 5 s): /health 503 after %d s: %s%n",
            (System.nanoTime() - stopped) / 1_000_000_000L, failing.body());
        String text = get(port, "/metrics").body();
        assertEquals(
            1,
            sample(text, "flume_component_stalled", "component=\"k1\"", "kind=\"sink\"").orElse(-1),
            text);
      } finally {
        kafka.broker().startServer();
      }
      awaitHealth(port, 200);
    }
  }
}
