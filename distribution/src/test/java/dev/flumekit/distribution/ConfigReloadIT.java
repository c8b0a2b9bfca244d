package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent run by {@code bin/flumekit-agent agent} re-reads its configuration file when it changes,
 * as Flume does, but applies an edit only once {@code check} passes it: a bad edit is refused with
 * its problem in the agent's log and in its metrics while the agent runs on, and a good one is
 * applied.
 */
// serial: its agent takes the shipped flume-env.sh's monitoring port, as LauncherIT's does
@Tag("serial")
class ConfigReloadIT {
  @TempDir Path dir;

  private Path log;
  private int written;

  @Test
  void aBadEditIsRefusedAndTheAgentRunsOnItsLastGoodConfiguration() throws Exception {
    StandaloneKit kit = StandaloneKit.unpack(dir);
    log = Files.createDirectories(dir.resolve("app")).resolve("access.log");
    Path positions = dir.resolve("tail.positions");
    Path before = Files.createDirectories(dir.resolve("out-before"));
    Path after = Files.createDirectories(dir.resolve("out-after"));
    // a directory whose name a URI must escape: the launcher hands Flume the file as a URI
    Path conf = Files.createDirectories(dir.resolve("conf [1] #%")).resolve("agent.conf");
    Files.writeString(
        conf,
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(log, positions),
            List.of("type = memory"),
            OneFlowAgent.fileRoll(before)));
    append(100);

    ProcessBuilder pb =
        new ProcessBuilder(
                kit.resolve("bin/flumekit-agent").toString(),
                "agent",
                "-n",
                "a1",
                "-f",
                conf.toString(),
                "--",
                "-i",
                "1")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launcher.out").toFile());
    Map<String, String> env = pb.environment();
    env.remove("FLUME_HOME");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("FLUMEKIT_LOCAL_REPO", System.getProperty("maven.local.repo"));
    Path agentLog = kit.resolve("logs/a1.log");
    Process agent = pb.start();
    try {
      await(() -> lines(before) == 100, "the first lines delivered", agent);

      // the file_roll sink loses its directory: Flume would drop the sink and run on without it
      Files.writeString(
          conf,
          OneFlowAgent.conf(
              OneFlowAgent.tailSource(log, positions),
              List.of("type = memory"),
              List.of("type = file_roll", "sink.rollInterval = 0")));
      await(() -> read(agentLog).contains("refused"), "the edit refused", agent);
      String refusal = read(agentLog);
      assertTrue(refusal.contains("sink.directory") || refusal.contains("Directory"), refusal);
      assertTrue(refusal.contains("the agent keeps running its last good configuration"), refusal);

      append(100);
      await(() -> lines(before) == 200, "lines delivered by the running configuration", agent);
      String metrics = PrometheusMonitoringIT.get(41414, "/metrics").body();
      assertTrue(metric(metrics, "flume_agent_reload_refused_total", "1.0"), metrics);
      assertTrue(metric(metrics, "flume_agent_configuration_refused", "1.0"), metrics);
      assertEquals(200, PrometheusMonitoringIT.get(41414, "/health").status());

      // a good edit: applied, the lines from then on go where it says
      Files.writeString(
          conf,
          OneFlowAgent.conf(
              OneFlowAgent.tailSource(log, positions),
              List.of("type = memory"),
              OneFlowAgent.fileRoll(after)));
      await(() -> read(agentLog).contains("passed the check: applying it"), "applied", agent);
      append(50);
      await(() -> lines(after) == 50, "lines delivered by the new configuration", agent);
      assertEquals(200, lines(before), "nothing read twice");
      await(
          () -> {
            try {
              String m = PrometheusMonitoringIT.get(41414, "/metrics").body();
              return metric(m, "flume_agent_reload_applied_total", "1.0")
                  && metric(m, "flume_agent_configuration_refused", "0.0");
            } catch (Exception e) {
              return false;
            }
          },
          "the metrics of the applied edit",
          agent);

      // an applied edit that renames the sink: /health and flume_component_up follow what runs
      // (the layout read at start would call k1 not running and miss k9)
      Files.writeString(
          conf,
          OneFlowAgent.conf(
                  OneFlowAgent.tailSource(log, positions),
                  List.of("type = memory"),
                  OneFlowAgent.fileRoll(after))
              .replace("k1", "k9"));
      await(
          () -> {
            try {
              String m = PrometheusMonitoringIT.get(41414, "/metrics").body();
              return metric(m, "flume_agent_reload_applied_total", "2.0")
                  && m.lines()
                      .anyMatch(
                          l ->
                              l.startsWith("flume_component_up{")
                                  && l.contains("component=\"k9\"")
                                  && l.endsWith(" 1.0"));
            } catch (Exception e) {
              return false;
            }
          },
          "the renamed sink up",
          agent);
      String renamed = PrometheusMonitoringIT.get(41414, "/metrics").body();
      assertTrue(
          renamed.lines().noneMatch(l -> l.startsWith("flume_component_up{") && l.contains("k1")),
          renamed);
      PrometheusMonitoringIT.Response health = PrometheusMonitoringIT.get(41414, "/health");
      assertEquals(200, health.status(), health.body());
    } finally {
      agent.destroy();
      assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
    }
  }

  @Test
  void anAgentStartedWithoutTheLaunchersCheckChecksItsFileItselfAndABadOneNeverRuns()
      throws Exception {
    StandaloneKit kit = StandaloneKit.unpack(dir);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path conf = dir.resolve("bad.conf");
    Files.writeString(
        conf,
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(dir.resolve("app.log"), dir.resolve("tail.positions")),
            List.of("type = memory"),
            List.of("type = file_roll", "sink.rollInterval = 0")));
    // as systemd's ExecStart after ExecStartPre, or an edit made between the check and the start
    StandaloneKit.Run run = kit.run("agent", "--no-check", "-n", "a1", "-f", conf.toString());
    assertEquals(1, run.status(), run.out());
    String agentLog = read(kit.resolve("logs/a1.log"));
    assertTrue(agentLog.contains("sink.directory"), agentLog);
    assertTrue(agentLog.contains("agent a1 not started: the configuration in"), agentLog);
    assertEquals(0, lines(out));
  }

  private static boolean metric(String metrics, String name, String value) {
    return metrics
        .lines()
        .anyMatch(l -> l.startsWith(name + "{") && l.contains("agent=\"a1\"") && l.endsWith(value));
  }

  private void append(int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("line " + written++);
    }
    Files.write(
        log, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private void await(BooleanSupplier condition, String what, Process agent) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertTrue(agent.isAlive(), read(dir.resolve("launcher.out")));
      assertTrue(System.nanoTime() < deadline, what + ": " + read(dir.resolve("launcher.out")));
      Thread.sleep(200);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static long lines(Path out) {
    long n = 0;
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        n += Files.readAllLines(f).size();
      }
    } catch (IOException e) {
      return -1;
    }
    return n;
  }
}
