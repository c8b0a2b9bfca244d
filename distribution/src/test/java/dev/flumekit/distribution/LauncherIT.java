package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball on its own, without a Flume install: {@code bin/flumekit-agent} assembles Flume
 * 1.11.0's lib/ from its coordinates list (here from a repository given as a file: URL, so the test
 * needs no network), then runs an agent with the plugins.d class path, the shipped flume-env.sh
 * (heap, Prometheus monitoring) and log4j2.xml (log file).
 */
// serial: its agent takes the shipped flume-env.sh's monitoring port, as ConfigReloadIT's does
@Tag("serial")
class LauncherIT {
  @TempDir Path dir;

  @Test
  void runsAnAgentFromTheTarballAlone() throws Exception {
    Path kit = Files.createDirectories(dir.resolve("flumekit"));
    run(dir, "tar", "xzf", System.getProperty("flumekit.tarball"), "-C", kit.toString());
    assertTrue(Files.isExecutable(kit.resolve("bin/flumekit-agent")));
    assertTrue(Files.exists(kit.resolve("flume/artifacts.txt")));

    Path log = Files.createDirectories(dir.resolve("app")).resolve("access.log");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add("line " + i);
    }
    Files.write(log, lines, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path conf = dir.resolve("agent.conf");
    Files.writeString(
        conf,
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(log, dir.resolve("tail.positions")),
            List.of("type = memory"),
            OneFlowAgent.fileRoll(out)));

    // at install time: Flume's lib/ fetched (here from a file: URL), with a line per download
    ProcessBuilder fetch = launcher(kit, conf, dir.resolve("empty-repository"));
    fetch.command(kit.resolve("bin/flumekit-agent").toString(), "--fetch-only");
    Process fetching = fetch.start();
    assertTrue(fetching.waitFor(300, TimeUnit.SECONDS));
    String fetched = Files.readString(dir.resolve("launcher.out"));
    assertEquals(0, fetching.exitValue(), fetched);
    assertTrue(fetched.contains("downloading flume-ng-node-1.11.0.jar"), fetched);
    assertTrue(fetched.matches("(?s).*\\[1/\\d+\\] downloading .*"), fetched);
    assertTrue(fetched.contains("every one as pinned"), fetched);
    assertTrue(fetched.contains("Flume's lib/ is ready"), fetched);

    // then offline: no repository reachable, the agent starts on what was fetched
    ProcessBuilder launcher = launcher(kit, conf, dir.resolve("empty-repository"));
    launcher.environment().put("FLUMEKIT_MAVEN_REPO", "file:///nonexistent/repository");
    Process agent = launcher.start();
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (lines(out) < 500 && System.nanoTime() < deadline) {
        assertTrue(agent.isAlive(), Files.readString(dir.resolve("launcher.out")));
        Thread.sleep(200);
      }
      assertEquals(500, lines(out), Files.readString(dir.resolve("launcher.out")));
      String command = ProcessHandle.of(agent.pid()).orElseThrow().info().commandLine().orElse("");
      assertTrue(command.contains("-Xmx1g"), "flume-env.sh's heap: " + command);
      assertTrue(command.contains("org.apache.flume.node.Application"), command);
      // the shipped flume-env.sh turns the Prometheus monitoring on, on port 41414 for an agent
      // that is neither the loader nor the single-agent pipeline
      // Flume starts its monitoring once the components run: the lines may be through before
      String drained =
          "flume_sink_event_drain_success_total{agent=\"a1\",component=\"k1\",type=\"file_roll\"}"
              + " 500.0";
      String metrics = "";
      long metricsDeadline = System.nanoTime() + 30_000_000_000L;
      while (!metrics.contains(drained) && System.nanoTime() < metricsDeadline) {
        Thread.sleep(200);
        metrics = PrometheusMonitoringIT.get(41414, "/metrics").body();
      }
      assertTrue(metrics.contains(drained), metrics);
      assertEquals(200, PrometheusMonitoringIT.get(41414, "/health").status());
    } finally {
      agent.destroy();
      assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
    }
    String launcherOut = Files.readString(dir.resolve("launcher.out"));
    assertFalse(
        launcherOut.contains("Assembling"), "assembled once, at --fetch-only: " + launcherOut);
    assertTrue(launcherOut.contains("a1: configuration OK"), "checked before it started");
    List<String> flumeLib;
    try (Stream<Path> jars = Files.list(kit.resolve("flume/lib"))) {
      flumeLib = jars.map(p -> p.getFileName().toString()).toList();
    }
    assertTrue(flumeLib.contains("flume-ng-node-1.11.0.jar"), flumeLib.toString());
    assertTrue(flumeLib.contains("kafka-clients-2.7.2.jar"), "Flume's own lib/, as shipped");
    String agentLog = Files.readString(kit.resolve("logs/a1.log"));
    assertTrue(agentLog.contains("Source a1") || agentLog.contains("r1"), agentLog);
  }

  @Test
  void anHBaseSinkAgentStartsWithoutAStackTrace() throws Exception {
    Path kit = Files.createDirectories(dir.resolve("flumekit"));
    run(dir, "tar", "xzf", System.getProperty("flumekit.tarball"), "-C", kit.toString());
    Path conf = dir.resolve("agent.conf");
    // the HBase client starts when the sink is configured, before it connects: no server needed
    Files.writeString(
        conf,
        String.join(
            "\n",
            "a1.channels = c1",
            "a1.sinks = k1",
            "a1.channels.c1.type = memory",
            "a1.sinks.k1.type = dev.flumekit.hbase.HBaseSink",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.table = access",
            "a1.sinks.k1.columnFamily = d",
            "a1.sinks.k1.zookeeperQuorum = 127.0.0.1:1",
            ""));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder launcher =
        launcher(kit, conf, Paths.get(System.getProperty("maven.local.repo")));
    launcher.command().add("-Dflume.monitoring.port=" + port);
    Process agent = launcher.start();
    Path log = kit.resolve("logs/a1.log");
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!(Files.exists(log) && Files.readString(log).contains("Starting Sink k1"))) {
        assertTrue(agent.isAlive(), Files.readString(dir.resolve("launcher.out")));
        assertTrue(System.nanoTime() < deadline, Files.readString(dir.resolve("launcher.out")));
        Thread.sleep(200);
      }
    } finally {
      agent.destroy();
      assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
    }
    String logged = Files.readString(log);
    assertTrue(logged.contains("Plugin flumekit-hbase-sink"), logged);
    assertFalse(logged.contains("InaccessibleObjectException"), logged);
    String printed = Files.readString(dir.resolve("launcher.out"));
    assertFalse(printed.contains("InaccessibleObjectException"), printed);
  }

  @Test
  void anUpgradeNeverReplacesAnEditedConfiguration() throws Exception {
    StandaloneKit kit = StandaloneKit.unpack(dir);
    assertFalse(Files.exists(kit.resolve("conf/collector.conf")), "shipped as .dist only");
    StandaloneKit.Run install = kit.run("--fetch-only");
    assertEquals(0, install.status(), install.out());
    assertTrue(
        install
            .out()
            .contains(
                "installed conf/collector.conf from conf/collector.conf.dist (yours from now on"),
        install.out());
    assertTrue(install.out().contains("installed conf/flumekit/flume-env.sh from"), install.out());
    assertEquals(
        Files.readString(kit.resolve("conf/collector.conf.dist")),
        Files.readString(kit.resolve("conf/collector.conf")));

    String edited = Files.readString(kit.resolve("conf/collector.conf")) + "# mine\n";
    Files.writeString(kit.resolve("conf/collector.conf"), edited);
    Files.writeString(kit.resolve("conf/flumekit/flume-env.sh.dist"), "# an older release's\n");
    StandaloneKit.unpack(dir); // the upgrade, over the install
    assertEquals(edited, Files.readString(kit.resolve("conf/collector.conf")));
    assertTrue(
        Files.readString(kit.resolve("conf/flumekit/flume-env.sh.dist")).contains("JAVA_OPTS"),
        "the .dist files are the new release's");
    StandaloneKit.Run again = kit.run("--fetch-only");
    assertEquals(0, again.status(), again.out());
    assertFalse(again.out().contains("installed"), again.out());
  }

  @Test
  void aJarThatDiffersFromItsPinnedChecksumIsRefused() throws Exception {
    Path kit = Files.createDirectories(dir.resolve("flumekit"));
    run(dir, "tar", "xzf", System.getProperty("flumekit.tarball"), "-C", kit.toString());
    assertTrue(Files.exists(kit.resolve("flume/artifacts.sha256")));
    // a poisoned local repository: one of Flume's jars replaced
    Path poisoned =
        dir.resolve("poisoned/org/apache/flume/flume-ng-node/1.11.0/flume-ng-node-1.11.0.jar");
    Files.createDirectories(poisoned.getParent());
    Files.writeString(poisoned, "not the jar that was pinned");
    Path conf = dir.resolve("agent.conf");
    Files.writeString(conf, "a1.sources = r1\n");
    ProcessBuilder launcher = launcher(kit, conf, dir.resolve("poisoned"));
    Process p = launcher.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("launcher.out"));
    assertTrue(p.exitValue() != 0, out);
    assertTrue(out.contains("flume-ng-node-1.11.0.jar: FAILED"), out);
    assertTrue(out.contains("checksum mismatch in Flume's lib/"), out);
    assertFalse(Files.exists(kit.resolve("flume/lib")), "nothing installed");
  }

  /**
   * {@code bin/flumekit-agent agent -n a1 -f conf}, its output in launcher.out, with no Flume
   * install: jars come from {@code localRepository}, else from this build's Maven repository as a
   * file: URL (no network).
   */
  private ProcessBuilder launcher(Path kit, Path conf, Path localRepository) {
    ProcessBuilder launcher =
        new ProcessBuilder(
                kit.resolve("bin/flumekit-agent").toString(),
                "agent",
                "-n",
                "a1",
                "-f",
                conf.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launcher.out").toFile());
    Map<String, String> env = launcher.environment();
    env.remove("FLUME_HOME");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("FLUMEKIT_LOCAL_REPO", localRepository.toString());
    env.put(
        "FLUMEKIT_MAVEN_REPO",
        Paths.get(System.getProperty("maven.local.repo")).toUri().toString());
    return launcher;
  }

  private static long lines(Path out) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        n += Files.readAllLines(f).size();
      }
    }
    return n;
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", command));
  }
}
