package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.flumekit.common.isolation.ChildFirstClassLoader;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.SlowClients;
import dev.flumekit.testkit.TestCertificate;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter of a real agent of the tarball and the click dashboard run by {@code
 * bin/flumekit-agent}, as exposed to a network: two clients each holding half a request do not
 * delay a scrape; TLS and basic auth from a web config file; a web config with a problem stops the
 * agent instead of serving without it; Jetty 12 runs without ever seeing Flume's Jetty 9.
 */
// serial: it asserts that other clients are answered within 1 s while slow clients hold
// connections
@Tag("serial")
class WebExposureIT {
  static final Duration SECOND = Duration.ofSeconds(1);
  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A spooling directory into a memory channel and a null sink: nothing but the agent itself. */
  private static FlumeAgent agent(String run, int port, String... options) throws Exception {
    Path spool = Files.createDirectories(dir.resolve("spool-" + run));
    String conf =
        TarballHome.spoolDirAgent(
            spool,
            "a1.channels.c1.type = memory",
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.channel = c1");
    List<String> jvm =
        new ArrayList<>(
            List.of(PrometheusMonitoringIT.PROMETHEUS, "-Dflume.monitoring.port=" + port));
    jvm.addAll(List.of(options));
    return TarballHome.startAgent(flumeHome, dir, run, conf, Map.of(), jvm);
  }

  @Test
  void twoHalfSentRequestsDoNotDelayAScrapeOfARealAgent() throws Exception {
    int port = freePort();
    try (FlumeAgent agent = agent("slow", port)) {
      agent.awaitLog("Prometheus monitoring of agent", Duration.ofSeconds(60));
      try (SlowClients slow = SlowClients.halfRequests("127.0.0.1", port, "/metrics", 2)) {
        List<Long> millis = SlowClients.timedGets("127.0.0.1", port, "/metrics", "", SECOND, 6);
        List<Long> health = SlowClients.timedGets("127.0.0.1", port, "/health", "", SECOND, 6);
        System.out.println(
            "agent exporter beside two half-sent requests: /metrics ms "
                + millis
                + ", /health ms "
                + health);
        assertTrue(millis.stream().allMatch(m -> m >= 0), "within 1 s: " + millis);
        assertTrue(health.stream().allMatch(m -> m >= 0), "within 1 s: " + health);
      }
    }
  }

  @Test
  void theExporterServesHttpsWithBasicAuthFromItsWebConfigFile() throws Exception {
    TestCertificate certificate = TestCertificate.create("flumekit agent");
    Path tls = Files.createDirectories(dir.resolve("tls"));
    certificate.writeCertificate(tls.resolve("agent.crt"));
    certificate.writePkcs8Key(tls.resolve("agent.key"));
    String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, "s3cret".toCharArray());
    Path web =
        Files.writeString(
            tls.resolve("web.yml"),
            String.join(
                "\n",
                "tls_server_config:",
                "  cert_file: agent.crt",
                "  key_file: agent.key",
                "basic_auth_users:",
                "  prometheus: " + hash,
                ""));
    int port = freePort();
    try (FlumeAgent agent = agent("tls", port, "-Dflume.monitoring.webConfigFile=" + web)) {
      agent.awaitLog("Prometheus monitoring of agent", Duration.ofSeconds(60));
      assertTrue(agent.log().contains("on https://0.0.0.0:" + port + "/metrics"), agent.log());
      assertTrue(agent.log().contains("TLS (NoClientCert), basic auth (1 user)"), agent.log());
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingClient()).build();
      URI metrics = URI.create("https://127.0.0.1:" + port + "/metrics");
      HttpResponse<String> right = get(client, metrics, "prometheus", "s3cret");
      assertEquals(200, right.statusCode(), right.body());
      assertTrue(right.body().contains("flume_component_up{"), right.body());
      HttpResponse<String> wrong = get(client, metrics, "prometheus", "guess");
      assertEquals(401, wrong.statusCode());
      assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
      assertThrows(
          IOException.class,
          () ->
              get(
                  HttpClient.newHttpClient(),
                  URI.create("http://127.0.0.1:" + port + "/metrics"),
                  "prometheus",
                  "s3cret"));
      assertFalse(agent.log().contains(hash));
      assertFalse(agent.log().contains("s3cret"));
    }
  }

  @Test
  void aWebConfigFileWithProblemsStopsTheAgentNamingEachOne() throws Exception {
    String hash = "$2y$10$notAWholeHash";
    Path web =
        Files.writeString(
            Files.createDirectories(dir.resolve("bad")).resolve("web.yml"),
            String.join(
                "\n",
                "tls_server_confg:",
                "  cert_file: agent.crt",
                "basic_auth_users:",
                "  prometheus: " + hash,
                ""));
    int port = freePort();
    try (FlumeAgent agent = agent("bad", port, "-Dflume.monitoring.webConfigFile=" + web)) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (agent.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertFalse(agent.isAlive(), "the agent still runs:\n" + agent.log());
      assertEquals(1, agent.stop(Duration.ofSeconds(5)));
      String log = agent.log();
      System.out.println(
          log.lines()
              .filter(l -> l.contains("web config") || l.startsWith("  - ") || l.contains("stops"))
              .distinct()
              .reduce("what the agent printed:", (a, b) -> a + "\n" + b));
      assertTrue(log.contains("(2 problems)"), log);
      assertTrue(
          log.contains(
              "tls_server_confg: unknown key; expected tls_server_config or basic_auth_users"),
          log);
      assertTrue(log.contains("basic_auth_users.prometheus: not a bcrypt hash"), log);
      assertTrue(log.contains("Prometheus monitoring not started; the agent stops"), log);
      assertFalse(log.contains(hash), log);
      assertEquals(-1, SlowClients.timedGet("127.0.0.1", port, "/metrics", "", SECOND));
    }
  }

  @Test
  void twoHalfSentRequestsDoNotDelayTheDashboard() throws Exception {
    int port = freePort();
    Process dashboard = dashboard("dashboard", "--port", String.valueOf(port));
    try {
      awaitOutput(dashboard, dir.resolve("dashboard.out"), "Click dashboard of table");
      try (SlowClients slow = SlowClients.halfRequests("127.0.0.1", port, "/", 2)) {
        List<Long> page = SlowClients.timedGets("127.0.0.1", port, "/", "", SECOND, 6);
        System.out.println("dashboard beside two half-sent requests: / ms " + page);
        assertTrue(page.stream().allMatch(m -> m >= 0), "within 1 s: " + page);
      }
      // the dashboard's class path: the HBase sink's jars and Flume's lib/ without its Jetty 9
      // (the launcher execs java: the process started is the JVM)
      String commandLine =
          new String(
                  Files.readAllBytes(Path.of("/proc/" + dashboard.pid() + "/cmdline")),
                  StandardCharsets.UTF_8)
              .replace('\0', ' ');
      assertTrue(commandLine.contains("flumekit-hbase-sink/isolated"), commandLine);
      assertFalse(commandLine.contains("jetty-server-9"), commandLine);
    } finally {
      dashboard.destroy();
      dashboard.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theDashboardDoesNotStartWithAProblemInItsWebConfigFile() throws Exception {
    Path web = Files.writeString(dir.resolve("dashboard-web.yml"), "basic_auth_users: [alice]\n");
    Process dashboard =
        dashboard(
            "dashboard-bad",
            "--port",
            String.valueOf(freePort()),
            "--webConfigFile",
            web.toString());
    assertTrue(dashboard.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("dashboard-bad.out"));
    assertEquals(2, dashboard.exitValue(), out);
    assertTrue(out.contains("basic_auth_users: expected a mapping of names to values"), out);
  }

  @Test
  void jetty12InThePluginNeverSeesFlumesJetty9() throws Exception {
    Path lib = flumeHome.resolve("lib");
    List<URL> agentJars = jars(lib);
    Path plugin = flumeHome.resolve("plugins.d/flumekit-monitoring");
    agentJars.addAll(jars(plugin.resolve("lib")));
    agentJars.addAll(jars(plugin.resolve("libext")));
    List<URL> pluginJars = jars(plugin.resolve("lib"));
    pluginJars.addAll(jars(plugin.resolve("libext")));
    pluginJars.addAll(jars(plugin.resolve("isolated")));
    String services = "META-INF/services/org.eclipse.jetty.http.HttpFieldPreEncoder";
    try (URLClassLoader agent =
            new URLClassLoader(
                agentJars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        ChildFirstClassLoader loader =
            new ChildFirstClassLoader(
                "flumekit-monitoring", pluginJars.toArray(new URL[0]), agent)) {
      // Flume's lib/ really has Jetty 9: a class Jetty 12 dropped, and a service file
      assertTrue(
          agent
              .loadClass("org.eclipse.jetty.util.B64Code")
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .getPath()
              .contains("jetty-util-9."));
      assertFalse(Collections.list(agent.getResources(services)).isEmpty());

      assertTrue(
          loader
              .loadClass("org.eclipse.jetty.server.Server")
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .getPath()
              .contains("/isolated/jetty-server-12."));
      assertThrows(
          ClassNotFoundException.class, () -> loader.loadClass("org.eclipse.jetty.util.B64Code"));
      List<URL> seen = Collections.list(loader.getResources(services));
      assertEquals(1, seen.size(), seen.toString());
      assertTrue(seen.get(0).getPath().contains("/isolated/jetty-http-12."), seen.toString());
      assertTrue(
          loader.loadClass("dev.flumekit.web.WebServer").getClassLoader() == loader,
          "the web server is the plugin's own");
    }
  }

  private static List<URL> jars(Path directory) throws IOException {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    return urls;
  }

  private static Process dashboard(String run, String... options) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                flumeHome.resolve("bin/flumekit-agent").toString(),
                "dashboard",
                "--zookeeper",
                hbase.zookeeperQuorum()));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(run + ".out").toFile());
    builder.environment().put("FLUME_HOME", flumeHome.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  private static void awaitOutput(Process process, Path out, String text) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!Files.readString(out).contains(text)) {
      assertTrue(process.isAlive(), Files.readString(out));
      assertTrue(System.nanoTime() < deadline, Files.readString(out));
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> get(HttpClient client, URI uri, String user, String password)
      throws IOException, InterruptedException {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return client.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + credentials)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
