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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator watching the shipped collector and loader with a real Prometheus and the shipped
 * alert rules sees of each outage, and how fast: Kafka stopped under a collector whose log keeps
 * growing, then the loader stopped. Each signal (health, metric, alert) is timed from the fault,
 * and the table is printed (docs/monitoring.md gives the figures). The rules run with their {@code
 * for:} windows, ranges and byte threshold shortened, nothing else changed; every click is still
 * counted once at the end.
 */
// serial: it times each signal from its fault, against a real Prometheus scraping every second
@Tag("serial")
@Tag("slow")
class OutageMonitoringIT {
  static final String PROMETHEUS =
      "-Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer";
  static final int HEALTH_TIMEOUT_SECONDS = 10;
  static final String HEALTH_TIMEOUT =
      "-Dflume.monitoring.health.deliveryTimeoutSeconds=" + HEALTH_TIMEOUT_SECONDS;
  static final int LINES_PER_TICK = 200;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  /** When each awaited signal was first seen, in seconds since its fault began. */
  private final Map<String, Long> seen = new LinkedHashMap<>();

  @Test
  void kafkaDownAndALoaderStoppedAreEachSeenByHealthMetricsAndTheShippedAlerts() throws Exception {
    assumeTrue(PrometheusServer.installed("prometheus"), "prometheus installed (.ci/run does)");
    ClickLog clickLog = new ClickLog(26, System.currentTimeMillis(), 2_000, 0);
    AtomicInteger written = new AtomicInteger();
    try (PipelineRig rig =
            new PipelineRig(
                flumeHome, dir.resolve("pipeline"), "outage", kafka.broker(), hbase, "access.log");
        LogWriter writer = new LogWriter(rig, clickLog, written)) {
      FlumeAgent loader = rig.start("loader.conf", List.of(PROMETHEUS, HEALTH_TIMEOUT));
      FlumeAgent collector = rig.start("collector.conf", List.of(PROMETHEUS, HEALTH_TIMEOUT));
      collector.awaitLog("with positions in", Duration.ofSeconds(60));
      int collectorPort = rig.metrics("collector").port();
      int loaderPort = rig.metrics("loader").port();
      try (PrometheusServer prometheus =
          new PrometheusServer(
              dir.resolve("prometheus"),
              List.of(collectorPort, loaderPort),
              shortenedRules(flumeHome.resolve("conf/monitoring/flumekit-alerts.yml")))) {
        writer.start();
        await(
            "both agents healthy and scraped",
            90,
            () ->
                healthy(collectorPort)
                    && healthy(loaderPort)
                    && query(prometheus, "sum(up{job=\"flumekit\"})").orElse(0) == 2);
        assertEquals(List.of(), firing(prometheus), "no alert before any fault");

        // 1. Kafka stops: the collector's puts wait, its source stops reading, its log grows
        kafka.broker().stop();
        long kafkaStopped = System.nanoTime();
        double unreadAtStop = unread(collectorPort);
        Map<String, BooleanSupplier> kafkaSignals = new LinkedHashMap<>();
        kafkaSignals.put("collector /health 503", () -> status(collectorPort, "/health") == 503);
        kafkaSignals.put(
            "flume_channel_oldest_write_wait_seconds > 5",
            () ->
                PrometheusText.value(
                            body(collectorPort, "/metrics"),
                            "flume_channel_oldest_write_wait_seconds",
                            "component=\"kafka\"")
                        .orElse(0)
                    > 5);
        kafkaSignals.put(
            "unread bytes grow while the put waits",
            () -> unread(collectorPort) > unreadAtStop + 20_000);
        kafkaSignals.put(
            "collector /health names the tail source paused",
            () -> body(collectorPort, "/health").contains("source tail has put nothing"));
        kafkaSignals.put(
            "alert FlumekitComponentStalled (collector)",
            () -> firing(prometheus).contains("FlumekitComponentStalled/collector"));
        kafkaSignals.put(
            "alert FlumekitTailBehind",
            () -> firing(prometheus).contains("FlumekitTailBehind/collector"));
        awaitSignals(kafkaStopped, 120, kafkaSignals);
        String health = body(collectorPort, "/health");
        System.out.println("collector /health with Kafka down: " + health);
        assertTrue(
            health.contains("channel kafka has waited") && health.contains("for Kafka"), health);
        kafka.broker().startServer();
        long kafkaBack = System.nanoTime();
        awaitSignal(
            "collector /health 200 again (after Kafka is back)",
            kafkaBack,
            180,
            () -> status(collectorPort, "/health") == 200);

        // 2. the loader stops while the collector keeps writing: its lag is still measured. The
        // collector reports a named group on the topics it has committed on, so the loader must
        // have committed first: on a loaded machine Kafka went down seconds after the loader
        // started, before its first commit, and a loader stopped right after Kafka was back had no
        // lag to grow (seen twice under load)
        awaitSignal(
            "the collector reports group loader's lag (the loader has committed since it started)",
            kafkaBack,
            180,
            () -> reportsGroupLag(collectorPort));
        loader.stop(Duration.ofSeconds(30));
        long loaderStopped = System.nanoTime();
        Map<String, BooleanSupplier> loaderSignals = new LinkedHashMap<>();
        loaderSignals.put(
            "lag of group loader grows (measured by the collector)",
            () -> groupLag(collectorPort) > 1_000);
        loaderSignals.put(
            "alert FlumekitAgentDown (loader)",
            () -> firing(prometheus).contains("FlumekitAgentDown/"));
        loaderSignals.put(
            "alert FlumekitLagGrowing",
            () -> firing(prometheus).stream().anyMatch(a -> a.startsWith("FlumekitLagGrowing/")));
        awaitSignals(loaderStopped, 180, loaderSignals);
        // the loader reads course-clicks only: the collector reports its lag there, not on the
        // other topics it writes (which would be all behind and fire the alert in a healthy fleet)
        for (String line : body(collectorPort, "/metrics").split("\n")) {
          if (line.startsWith("flume_channel_group_lag{") && line.contains("group=\"loader\"")) {
            assertTrue(line.contains("topic=\"" + rig.topic("course-clicks") + "\""), line);
          }
        }
        rig.start("loader.conf", List.of(PROMETHEUS, HEALTH_TIMEOUT));
        long loaderBack = System.nanoTime();
        awaitSignal(
            "loader /health 200 again (after its restart)",
            loaderBack,
            120,
            () -> healthy(loaderPort));
      } finally {
        writer.close();
      }
      long clicks = PipelineRig.sum(clickLog.clicksPerCourseAndDay(written.get()));
      assertEquals(
          clicks,
          PipelineRig.sum(rig.counters(clicks, Duration.ofSeconds(180))),
          "every click counted once after both outages");
      StringBuilder table = new StringBuilder("| Signal | Seen after |\n|---|---|\n");
      seen.forEach(
          (what, s) -> table.append("| ").append(what).append(" | ").append(s).append(" s |\n"));
      System.out.println(
          "outage signals (health timeout "
              + HEALTH_TIMEOUT_SECONDS
              + " s, rules' for: 5 s):\n"
              + table);
      Files.writeString(dir.resolve("outage-signals.md"), table);
    }
  }

  /**
   * The shipped rules with windows a test can wait for; thresholds and expressions otherwise kept.
   */
  static Path shortenedRules(Path shipped) throws IOException {
    String text = Files.readString(shipped);
    text = text.replaceAll("for: \\d+m", "for: 5s");
    text = text.replaceAll("\\[(5|10)m\\]", "[30s]");
    text = text.replace("> 100e6", "> 100e3");
    Path out = dir.resolve("rules/flumekit-alerts.yml");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    return out;
  }

  private void awaitSignal(String what, long since, int seconds, BooleanSupplier signal)
      throws InterruptedException {
    awaitSignals(since, seconds, Map.of(what, signal));
  }

  /** Polls every signal each half second until all were seen, each timed when first seen. */
  private void awaitSignals(long since, int seconds, Map<String, BooleanSupplier> signals)
      throws InterruptedException {
    Map<String, BooleanSupplier> waiting = new LinkedHashMap<>(signals);
    long deadline = since + seconds * 1_000_000_000L;
    while (true) {
      waiting
          .entrySet()
          .removeIf(
              s -> {
                boolean now = s.getValue().getAsBoolean();
                if (now) {
                  seen.put(s.getKey(), (System.nanoTime() - since) / 1_000_000_000L);
                }
                return now;
              });
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(waiting.keySet() + ": not seen within " + seconds + " s");
      }
      Thread.sleep(500);
    }
  }

  private static void await(String what, int seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not seen within " + seconds + " s");
      }
      Thread.sleep(500);
    }
  }

  /** Firing alerts as {@code name/agent}. */
  private static List<String> firing(PrometheusServer prometheus) {
    String answer;
    try {
      answer = prometheus.api("query", "ALERTS{alertstate=\"firing\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    List<String> alerts = new ArrayList<>();
    for (String metric : answer.split("\"metric\":\\{")) {
      String name = field(metric, "alertname");
      if (name != null) {
        String agent = field(metric, "agent");
        alerts.add(name + "/" + (agent == null ? "" : agent));
      }
    }
    return alerts;
  }

  private static String field(String json, String key) {
    int at = json.indexOf("\"" + key + "\":\"");
    if (at < 0) {
      return null;
    }
    int from = at + key.length() + 4;
    return json.substring(from, json.indexOf('"', from));
  }

  private static OptionalDouble query(PrometheusServer prometheus, String expr) {
    try {
      String answer = prometheus.api("query", expr);
      int at = answer.lastIndexOf(",\"");
      if (!answer.contains("\"result\":[{") || at < 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(
          Double.parseDouble(answer.substring(at + 2, answer.indexOf('"', at + 2))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    } catch (RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  private static double unread(int port) {
    return PrometheusText.sum(body(port, "/metrics"), "flume_source_file_unread_bytes");
  }

  private static double groupLag(int port) {
    return PrometheusText.sum(
        body(port, "/metrics"), "flume_channel_group_lag", "group=\"loader\"");
  }

  private static boolean reportsGroupLag(int port) {
    return body(port, "/metrics")
        .lines()
        .anyMatch(l -> l.startsWith("flume_channel_group_lag{") && l.contains("group=\"loader\""));
  }

  private static boolean healthy(int port) {
    return status(port, "/health") == 200;
  }

  private static int status(int port, String path) {
    return get(port, path).status();
  }

  private static String body(int port, String path) {
    return get(port, path).body();
  }

  /** The agent's answer; status -1 (and no body) when it does not answer or the test stops. */
  private static PrometheusMonitoringIT.Response get(int port, String path) {
    try {
      return PrometheusMonitoringIT.get(port, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PrometheusMonitoringIT.Response(-1, "");
    }
  }

  /** Appends the click log's next lines every half second, as a busy web server would. */
  private static final class LogWriter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    private volatile IOException failure;

    LogWriter(PipelineRig rig, ClickLog clickLog, AtomicInteger written) {
      thread =
          new Thread(
              () -> {
                while (!stop) {
                  int from = written.get();
                  try {
                    rig.append(clickLog, from, from + LINES_PER_TICK);
                    written.set(from + LINES_PER_TICK);
                    Thread.sleep(500);
                  } catch (IOException e) {
                    failure = e;
                    return;
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "log-writer");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
      stop = true;
      thread.join(10_000);
      if (failure != null) {
        throw failure;
      }
    }
  }
}
