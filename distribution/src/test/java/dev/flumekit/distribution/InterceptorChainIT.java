package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flume 1.11 agent from the tarball's plugins.d chains five flumekit interceptors on a
 * spooling-directory source; a file_roll sink writes each event's headers, which are checked line
 * by line against what the log line says.
 */
class InterceptorChainIT {
  static final String VERSION = TarballHome.VERSION;
  static final int LINES = 3000;
  static final int GARBAGE = 25;

  @TempDir static Path dir;
  static Path flumeHome;

  @BeforeAll
  static void installIntoAFlumeHome() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void pluginDirectoryHoldsOnlyFlumekitClasses() throws Exception {
    TarballHome.flatPluginLayout(flumeHome, "flumekit-interceptors", "dev/flumekit/interceptor/");
  }

  @Test
  void chainedInterceptorsSetTheHeadersThatReachTheSink() throws Exception {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      lines.add(line(i));
      if (i % (LINES / GARBAGE) == 0) {
        lines.add("garbage line " + i);
      }
    }
    Path staging = dir.resolve("access.log");
    Files.write(staging, lines, StandardCharsets.UTF_8);

    String i = "a1.sources.r1.interceptors.";
    String conf =
        TarballHome.spoolDirAgent(
            spool,
            "a1.sources.r1.batchSize = 500",
            "a1.sources.r1.interceptors = access filter key route headers",
            i + "access.type = dev.flumekit.interceptor.AccessLogInterceptor$Builder",
            i + "access.pathTemplates = /class/{course}.html",
            i + "filter.type = dev.flumekit.interceptor.FilterInterceptor$Builder",
            i + "filter.rule.1.action = exclude",
            i + "filter.rule.1.header = path",
            i + "filter.rule.1.prefix = /static/",
            i + "key.type = dev.flumekit.interceptor.KeyInterceptor$Builder",
            i + "key.template = %{client}",
            i + "route.type = dev.flumekit.interceptor.RoutingInterceptor$Builder",
            i + "route.rule.1.header = parse_error",
            i + "route.rule.1.exists = true",
            i + "route.rule.1.value = unparsed",
            i + "route.rule.2.header = status",
            i + "route.rule.2.prefix = 5",
            i + "route.rule.2.value = errors",
            i + "route.rule.3.header = path",
            i + "route.rule.3.prefix = /class/",
            i + "route.rule.3.value = clicks",
            i + "route.default = access",
            i + "headers.type = dev.flumekit.interceptor.HeaderInterceptor$Builder",
            i + "headers.set.pipeline = collector",
            i + "headers.remove = agent, referer, parse_error",
            "a1.channels.c1.type = memory",
            "a1.channels.c1.capacity = 10000",
            "a1.channels.c1.transactionCapacity = 1000",
            "a1.sinks.k1.type = file_roll",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.sink.directory = " + out,
            "a1.sinks.k1.sink.rollInterval = 0",
            "a1.sinks.k1.sink.batchSize = 500",
            "a1.sinks.k1.sink.serializer = header_and_text",
            "");
    Path confDir = dir.resolve("conf");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    int expected = 0;
    for (int n = 0; n < LINES; n++) {
      expected += path(n).startsWith("/static/") ? 0 : 1;
    }
    expected += GARBAGE;
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            confDir,
            confFile,
            "a1",
            metrics.jvmOptions(),
            dir.resolve("logs/chain.log"))) {
      Files.move(staging, spool.resolve("access.log"));
      String json =
          metrics.await("\"EventDrainSuccessCount\":\"" + expected + "\"", Duration.ofSeconds(90));
      assertTrue(json.contains("\"INTERCEPTOR.accesslog\":{"), json);
      assertTrue(json.contains("\"EventsSeen\":\"" + (LINES + GARBAGE) + "\""), json);
      assertTrue(json.contains("\"EventsFailed\":\"" + GARBAGE + "\""), json);
      assertTrue(json.contains("\"EventsDropped\":\"" + (LINES + GARBAGE - expected) + "\""), json);
      String log = agent.log();
      assertTrue(!log.contains(" ERROR "), log);
    }

    List<String> written = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.sorted().toList()) {
        written.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    assertEquals(expected, written.size());
    int n = 0;
    int garbage = 0;
    for (String record : written) {
      int end = record.indexOf("} ");
      Map<String, String> headers = headers(record.substring(1, end));
      String body = record.substring(end + 2);
      if (body.startsWith("garbage")) {
        garbage++;
        assertEquals(Map.of("topic", "unparsed", "pipeline", "collector"), headers, record);
        continue;
      }
      while (path(n).startsWith("/static/")) {
        n++;
      }
      assertEquals(line(n), body);
      assertEquals(expectedHeaders(n), headers, record);
      n++;
    }
    assertEquals(GARBAGE, garbage);
  }

  @Test
  void aMisconfiguredInterceptorIsReportedWithEveryProblemNamed() throws Exception {
    Path confDir = dir.resolve("conf-bad");
    FlumeAgent.writeLog4jConfig(confDir, Map.of());
    Path confFile = confDir.resolve("agent.conf");
    String i = "a1.sources.r1.interceptors.";
    Files.writeString(
        confFile,
        String.join(
            "\n",
            "a1.sources = r1",
            "a1.channels = c1",
            "a1.sinks = k1",
            "a1.sources.r1.type = seq",
            "a1.sources.r1.channels = c1",
            "a1.sources.r1.interceptors = access",
            i + "access.type = dev.flumekit.interceptor.AccessLogInterceptor$Builder",
            i + "access.onError = explode",
            i + "access.pathTemplate = /class/{course}.html",
            "a1.channels.c1.type = memory",
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.channel = c1",
            ""));
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/bad.log"))) {
      agent.awaitLog("Invalid configuration for access-log interceptor", Duration.ofSeconds(60));
      assertTrue(
          agent
              .log()
              .contains(
                  "Invalid configuration for access-log interceptor (2 problems):\n"
                      + "  - onError = 'explode': expected one of tag, drop, pass\n"
                      + "  - pathTemplate: unknown key (did you mean pathTemplates?)"),
          agent.log());
    }
  }

  private static Map<String, String> expectedHeaders(int n) {
    Map<String, String> h = new TreeMap<>();
    String client = client(n);
    h.put("client", client);
    h.put("key", client);
    h.put("method", "GET");
    h.put("path", path(n));
    h.put("protocol", "HTTP/1.1");
    h.put("status", status(n));
    h.put("bytes", Integer.toString(n));
    h.put("pipeline", "collector");
    h.put(
        "timestamp",
        Long.toString(
            OffsetDateTime.parse(
                    String.format("2026-11-21T10:%02d:%02d+08:00", n / 60 % 60, n % 60))
                .toInstant()
                .toEpochMilli()));
    if (path(n).startsWith("/class/")) {
      h.put("course", path(n).substring(7, path(n).length() - 5));
    }
    h.put(
        "topic",
        status(n).startsWith("5") ? "errors" : path(n).startsWith("/class/") ? "clicks" : "access");
    return h;
  }

  private static String line(int n) {
    return String.format(
        "%s - - [21/Nov/2026:10:%02d:%02d +0800] \"GET %s HTTP/1.1\" %s %d \"-\" \"bench/%d\"",
        client(n), n / 60 % 60, n % 60, path(n), status(n), n, n % 3);
  }

  private static String client(int n) {
    return "10.0." + (n % 7) + "." + (n % 250);
  }

  private static String path(int n) {
    return switch (n % 4) {
      case 0, 1 -> "/class/" + (100 + n % 13) + ".html";
      case 2 -> "/static/app.js";
      default -> "/video/" + (n % 5);
    };
  }

  private static String status(int n) {
    return n % 10 == 9 ? "503" : n % 10 == 8 ? "404" : "200";
  }

  /** Parses a header map as file_roll's header_and_text writes it: {a=1, b=2}. */
  private static Map<String, String> headers(String text) {
    Map<String, String> h = new TreeMap<>();
    if (text.isEmpty()) {
      return h;
    }
    for (String entry : text.split(", ")) {
      int eq = entry.indexOf('=');
      h.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return h;
  }
}
