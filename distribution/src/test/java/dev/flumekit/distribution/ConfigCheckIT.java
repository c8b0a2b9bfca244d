package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flumekit-agent check} on the tarball alone (Flume's lib/ assembled from this build's
 * Maven repository): the shipped configurations pass; a configuration with every class of problem
 * gets each named on a line of its own and exit status 1; {@code agent} refuses to start on it; the
 * systemd unit passes systemd-analyze ({@code test}: SampleRunIT). ({@code --connect} against a
 * real broker and HBase: PipelineIT.)
 */
class ConfigCheckIT {
  @TempDir static Path dir;
  static StandaloneKit kit;

  @BeforeAll
  static void unpack() throws Exception {
    kit = StandaloneKit.unpack(dir);
  }

  static StandaloneKit.Run launcher(String... args) throws Exception {
    return kit.run(args);
  }

  @Test
  void theShippedConfigurationsPass() throws Exception {
    for (String[] agent :
        List.of(
            new String[] {"collector", "conf/collector.conf"},
            new String[] {"loader", "conf/loader.conf"},
            new String[] {"pipeline", "conf/single-agent.conf"},
            new String[] {"collector", "conf/file-channel/collector.conf"},
            new String[] {"loader", "conf/file-channel/loader.conf"})) {
      StandaloneKit.Run run = launcher("check", "-n", agent[0], "-f", agent[1]);
      assertEquals(0, run.status(), run.out());
      String ok =
          agent[0] + ": configuration OK (" + agent[1] + "; flumekit " + TarballHome.VERSION + ")";
      assertTrue(run.out().contains(ok), run.out());
      assertFalse(run.out().contains("warning"), run.out());
      // each flow's end-to-end guarantee, from the settings: the collector's copies of a batch
      // re-sent after a crash carry their line ids, which the loader's counters take once
      if (agent[1].equals("conf/collector.conf")) {
        assertTrue(
            run.out()
                .contains(
                    "collector: flow tail -> kafka: at least once (source tail: positions are saved"
                        + " once the channel holds a batch"),
            run.out());
      }
      if (agent[1].equals("conf/loader.conf")) {
        assertTrue(
            run.out()
                .contains(
                    "loader: flow clicks -> hbase: exactly once (counterGuarantee = exactly-once:"),
            run.out());
      }
      if (agent[1].equals("conf/collector.conf")) {
        // the id every running collector needs its own of
        assertTrue(
            run.out()
                .contains(
                    "collector: note: channel kafka: transactionalId defaults to"
                        + " flumekit-channel-collector-kafka@"),
            run.out());
      }
    }
  }

  /** Every class of problem the check knows, each in one configuration. */
  private static Path broken() throws Exception {
    Path conf = dir.resolve("broken.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "a1.sources = tail lonely",
            "a1.channels = kafka mem orphan",
            "a1.sinks = k1 k2 hb roll",
            // an agent-level key Flume ignores
            "a1.source = x",
            // flumekit's tail source: two bad keys, both named
            "a1.sources.tail.type = dev.flumekit.source.TailSource",
            "a1.sources.tail.channels = mem",
            "a1.sources.tail.filegroups = g",
            "a1.sources.tail.filegroups.g = " + dir.resolve("logs/*.log"),
            "a1.sources.tail.positionFile = " + dir.resolve("tail.positions"),
            "a1.sources.tail.batchSize = lots",
            "a1.sources.tail.bogusKey = 1",
            // a source without a channel (Flume's seq source)
            "a1.sources.lonely.type = seq",
            // flumekit's Kafka channel: a bad value
            "a1.channels.kafka.type = dev.flumekit.kafka.KafkaChannel",
            "a1.channels.kafka.kafka.bootstrap.servers = localhost:9092",
            "a1.channels.kafka.kafka.topic = t",
            "a1.channels.kafka.acks = maybe",
            "a1.channels.mem.type = memory",
            // a channel nobody binds
            "a1.channels.orphan.type = memory",
            // a near miss of a key every sink has: the sink has no channel
            "a1.sinks.k1.type = dev.flumekit.kafka.KafkaSink",
            "a1.sinks.k1.chanel = mem",
            // a class that does not load
            "a1.sinks.k2.type = org.example.NoSuchSink",
            "a1.sinks.k2.channel = mem",
            // flumekit's HBase sink: a missing required key and a bad value
            "a1.sinks.hb.type = dev.flumekit.hbase.HBaseSink",
            "a1.sinks.hb.channel = kafka",
            "a1.sinks.hb.table = t",
            "a1.sinks.hb.batchSize = 0",
            // Flume's own file_roll sink refusing its configuration
            "a1.sinks.roll.type = file_roll",
            "a1.sinks.roll.channel = mem",
            // configured but not listed
            "a1.sinks.k3.type = logger",
            ""),
        StandardCharsets.UTF_8);
    return conf;
  }

  @Test
  void everyProblemIsNamedOnALineOfItsOwn() throws Exception {
    Path conf = broken();
    StandaloneKit.Run run = launcher("check", "-n", "a1", "-f", conf.toString());
    assertEquals(1, run.status(), run.out());
    List<String> lines = run.lines();
    for (String expected :
        List.of(
            "a1: a1.source: not a key Flume knows; it is ignored (did you mean sources?)",
            "a1: a1.sinks.k1.chanel: not a key every sink has; did you mean channel?",
            "a1: a1.sinks.k3.type: k3 is not in a1.sinks (k1 k2 hb roll), so Flume ignores its"
                + " configuration",
            "a1: source tail: batchSize = 'lots': expected an integer >= 1",
            "a1: channel kafka: acks = 'maybe': expected one of all, -1, 1, 0",
            "a1: sink hb: columnFamily: required, expected a non-empty string",
            "a1: sink hb: batchSize = '0': expected an integer >= 1",
            "a1: channel orphan: has no components connected and has been removed.",
            "a1: sink k1: Flume drops it: its configuration is incomplete (see above)")) {
      assertTrue(lines.contains(expected), expected + " in\n" + run.out());
    }
    for (String part :
        List.of(
            "a1: source tail: bogusKey",
            "a1: sink k2: type org.example.NoSuchSink does not load",
            "a1: sink roll: ",
            "a1: source lonely: ")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(part)), part + " in\n" + run.out());
    }
    assertTrue(
        lines.get(lines.size() - 1).matches("a1: \\d+ problems in .*broken.conf"), run.out());
  }

  @Test
  void anAgentWithProblemsIsNotStarted() throws Exception {
    StandaloneKit.Run run = launcher("agent", "-n", "a1", "-f", broken().toString());
    assertEquals(1, run.status(), run.out());
    assertTrue(
        run.out().contains("agent a1 not started: its configuration has the problems above"),
        run.out());
    assertFalse(Files.exists(kit.resolve("logs/a1.log")), "no agent ran");
  }

  @Test
  void aWrongAgentNameOrFileIsSaidSo() throws Exception {
    StandaloneKit.Run wrongName = launcher("check", "-n", "colector", "-f", "conf/collector.conf");
    assertEquals(1, wrongName.status(), wrongName.out());
    assertTrue(
        wrongName
            .out()
            .contains(
                "colector: no agent 'colector' in conf/collector.conf (it configures collector)"),
        wrongName.out());
    StandaloneKit.Run noFile = launcher("check", "-n", "a1", "-f", "conf/nothing.conf");
    assertEquals(2, noFile.status(), noFile.out());
    StandaloneKit.Run usage = launcher("check", "-n", "a1");
    assertEquals(2, usage.status(), usage.out());
    assertTrue(usage.out().contains("usage:"), usage.out());
  }

  @Test
  void theShippedSystemdUnitPassesSystemdAnalyze() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze installed");
    // the unit as an operator installs it, its paths pointing at this unpacked tarball
    Path units = Files.createDirectories(dir.resolve("units"));
    Path unit = units.resolve("flumekit-agent@collector.service");
    Files.writeString(
        unit,
        Files.readString(kit.resolve("conf/systemd/flumekit-agent@.service"))
            .replace("/opt/flumekit", kit.home().toString()));
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("flumekit-agent@collector.service:"), "no complaint: " + out);
  }
}
