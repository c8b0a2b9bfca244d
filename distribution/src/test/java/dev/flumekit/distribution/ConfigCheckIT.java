package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      // the only warning: the nginx log the shipped collector tails is not on this machine
      assertTrue(
          run.lines().stream()
              .filter(l -> l.contains("warning"))
              .allMatch(l -> l.contains("matches no file now")),
          run.out());
      String ok =
          agent[0] + ": configuration OK (" + agent[1] + "; flumekit " + TarballHome.VERSION + ")";
      assertTrue(run.out().contains(ok), run.out());
      // each flow's end-to-end guarantee, from the settings: the collector's copies of a batch
      // re-sent after a crash carry their line ids, which the loader's counters take once
      if (agent[1].equals("conf/collector.conf")) {
        assertTrue(
            run.out()
                .contains(
                    "collector: flow tail -> kafka: at least once (channel kafka: transactional ="
                        + " true: each batch is one Kafka transaction"),
            run.out());
      }
      if (agent[1].equals("conf/loader.conf")) {
        assertTrue(
            run.out()
                .contains(
                    "loader: flow clicks -> hbase: exactly once (sink hbase: counterGuarantee ="
                        + " exactly-once:"),
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
            "a1: sink hb: columnFamily: required, expected a non-empty string that HBase takes as"
                + " a column family: printable characters, no ':', not starting with '.'",
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

  /** An agent of a source feeding one Kafka channel, with {@code extra} lines. */
  private static Path kafkaChannelAgent(String file, String... extra) throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a1.sources = src",
                "a1.channels = kafka",
                "a1.sources.src.type = seq",
                "a1.sources.src.channels = kafka",
                "a1.channels.kafka.type = dev.flumekit.kafka.KafkaChannel",
                "a1.channels.kafka.kafka.bootstrap.servers = 127.0.0.1:1",
                "a1.channels.kafka.kafka.topic = t"));
    lines.addAll(List.of(extra));
    return write(file, lines);
  }

  /** An agent of a sequence source, a memory channel and {@code extra} lines (its sink). */
  private static Path memoryAgent(String file, String... extra) throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a1.sources = src",
                "a1.channels = ch",
                "a1.sources.src.type = seq",
                "a1.sources.src.channels = ch",
                "a1.channels.ch.type = memory"));
    lines.addAll(List.of(extra));
    return write(file, lines);
  }

  private static Path write(String file, List<String> lines) throws Exception {
    Path conf = dir.resolve(file);
    Files.write(conf, lines, StandardCharsets.UTF_8);
    return conf;
  }

  /** The check's lines on {@code conf}: exit status 1 with one problem, and that problem. */
  private static List<String> oneProblem(Path conf, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "-n", "a1", "-f", conf.toString()));
    args.addAll(List.of(more));
    StandaloneKit.Run run = launcher(args.toArray(String[]::new));
    assertEquals(1, run.status(), run.out());
    assertEquals("a1: 1 problem in " + conf, run.lines().get(run.lines().size() - 1), run.out());
    assertTrue(run.lines().stream().noneMatch(l -> l.startsWith("a1: flow:")), run.out());
    // the problem and what follows from it: without notes and warnings
    return run.lines().stream()
        .filter(l -> !l.startsWith("a1: note: ") && !l.startsWith("a1: warning: "))
        .toList();
  }

  @Test
  void aKafkaClientValueIsCheckedByKafkaClientsAndTheDroppedSourceFoldedUnderIt() throws Exception {
    List<String> lines =
        oneProblem(
            kafkaChannelAgent(
                "sasl.conf", "a1.channels.kafka.kafka.producer.security.protocol = SASL_PLAINTXT"));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "a1: channel kafka: kafka.producer.security.protocol = 'SASL_PLAINTXT': String"
                    + " must be one of (case insensitive): "),
        String.join("\n", lines));
    assertEquals("    then Flume drops source src too, since it uses kafka", lines.get(1));
    assertEquals(3, lines.size(), String.join("\n", lines));
  }

  @Test
  void whatFlumeDropsWithAChannelWhoseClassDoesNotLoadIsFoldedUnderIt() throws Exception {
    List<String> lines =
        oneProblem(
            write(
                "no-channel-class.conf",
                List.of(
                    "a1.sources = src",
                    "a1.channels = c",
                    "a1.sinks = k1",
                    "a1.sources.src.type = seq",
                    "a1.sources.src.channels = c",
                    "a1.channels.c.type = org.example.NoSuchChannel",
                    "a1.sinks.k1.type = null",
                    "a1.sinks.k1.channel = c")));
    assertTrue(
        lines.get(0).startsWith("a1: channel c: type org.example.NoSuchChannel does not load"),
        String.join("\n", lines));
    assertEquals(
        List.of(
            "    then Flume drops source src too, since it uses c",
            "    then Flume drops sink k1 too, since it uses c"),
        lines.subList(1, 3));
  }

  @Test
  void aTableNameHBaseRefusesIsNamed() throws Exception {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "hbase-table.conf",
                "a1.sinks = hb",
                "a1.sinks.hb.type = dev.flumekit.hbase.HBaseSink",
                "a1.sinks.hb.channel = ch",
                "a1.sinks.hb.table = access logs",
                "a1.sinks.hb.columnFamily = d"));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "a1: sink hb: table = 'access logs': expected a non-empty string that HBase takes"
                    + " as a table name: "),
        String.join("\n", lines));
  }

  @Test
  void anEmptyValueIsNamedSinceFlumeDropsItAndTheDefaultApplies() throws Exception {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "empty-family.conf",
                "a1.sinks = hb",
                "a1.sinks.hb.type = dev.flumekit.hbase.HBaseSink",
                "a1.sinks.hb.channel = ch",
                "a1.sinks.hb.table = access_logs",
                "a1.sinks.hb.columnFamily = d",
                "a1.sinks.hb.counterColumnFamily ="));
    assertEquals(
        "a1: a1.sinks.hb.counterColumnFamily: empty, and Flume drops a key with an empty value,"
            + " so the component's default applies: give it a value, or remove the line to mean"
            + " the default",
        lines.get(0));
  }

  @Test
  void anUnsetEnvironmentVariableIsNamedWithFilterAndKey() throws Exception {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "env.conf",
                "a1.sinks = k1",
                "a1.configfilters = f1",
                "a1.configfilters.f1.type = env",
                "a1.sinks.k1.type = logger",
                "a1.sinks.k1.channel = ch",
                "a1.sinks.k1.maxBytesToLog = ${f1['FLUMEKIT_CHECK_UNSET']}"));
    assertEquals(
        "a1: a1.sinks.k1.maxBytesToLog: ${f1['FLUMEKIT_CHECK_UNSET']} names environment variable"
            + " FLUMEKIT_CHECK_UNSET, which is not set (configuration filter f1, type env), so the"
            + " value stays as written: set FLUMEKIT_CHECK_UNSET where the agent starts"
            + " (conf/flumekit/flume-env.sh, or the systemd unit's Environment=)",
        lines.get(0));
  }

  @Test
  void aFileGroupMatchingNoFileIsAWarningNotAFailure() throws Exception {
    Path conf =
        memoryAgent(
            "glob.conf",
            "a1.sinks = k1",
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.channel = ch",
            "a1.sources = src tail",
            "a1.sources.tail.type = dev.flumekit.source.TailSource",
            "a1.sources.tail.channels = ch",
            "a1.sources.tail.filegroups = g",
            "a1.sources.tail.filegroups.g = " + dir.resolve("no-such-logs/*.log"),
            "a1.sources.tail.positionFile = " + dir.resolve("glob/tail.positions"));
    StandaloneKit.Run run = launcher("check", "-n", "a1", "-f", conf.toString());
    assertEquals(0, run.status(), run.out());
    assertTrue(
        run.lines()
            .contains(
                "a1: warning: Source tail: file group g ("
                    + dir.resolve("no-such-logs/*.log")
                    + ") matches no file now; its files are read once they appear (check"
                    + " filegroups.g)"),
        run.out());
  }

  @Test
  void aDirectoryOnThePseudoFileSystemIsRefusedEvenForRoot() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
    List<String> lines =
        oneProblem(
            memoryAgent(
                "proc.conf",
                "a1.sinks = k1",
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.channel = ch",
                "a1.sources = src tail",
                "a1.sources.tail.type = dev.flumekit.source.TailSource",
                "a1.sources.tail.channels = ch",
                "a1.sources.tail.filegroups = g",
                "a1.sources.tail.filegroups.g = " + dir.resolve("*.conf"),
                "a1.sources.tail.positionFile = /proc/flumekit/tail.positions"));
    assertEquals(
        "a1: source tail: positionFile directory /proc/flumekit: /proc is on the kernel's proc"
            + " file system, which keeps no files: choose a directory on a disk",
        lines.get(0));
  }

  @Test
  void aDirectoryOnAReadOnlyMountIsRefusedEvenForRoot() throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("read-only"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly.toString())
            .redirectErrorStream(true)
            .start();
    Assumptions.assumeTrue(
        mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "a tmpfs can be mounted here (root)");
    try {
      List<String> lines =
          oneProblem(
              memoryAgent(
                  "read-only.conf",
                  "a1.sinks = k1",
                  "a1.sinks.k1.type = null",
                  "a1.sinks.k1.channel = ch",
                  "a1.sources = src tail",
                  "a1.sources.tail.type = dev.flumekit.source.TailSource",
                  "a1.sources.tail.channels = ch",
                  "a1.sources.tail.filegroups = g",
                  "a1.sources.tail.filegroups.g = " + dir.resolve("*.conf"),
                  "a1.sources.tail.positionFile = " + readOnly.resolve("state/tail.positions")));
      assertEquals(
          "a1: source tail: positionFile directory "
              + readOnly.resolve("state")
              + ": no file can be created in "
              + readOnly
              + " (a read-only tmpfs file system): choose a directory the agent's user can write,"
              + " on a writable disk",
          lines.get(0));
    } finally {
      new ProcessBuilder("umount", "-l", readOnly.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFileChannelDirectoryOnThePseudoFileSystemIsRefused() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
    Path conf =
        write(
            "file-channel.conf",
            List.of(
                "a1.sources = src",
                "a1.channels = fc",
                "a1.sinks = k1",
                "a1.sources.src.type = seq",
                "a1.sources.src.channels = fc",
                "a1.channels.fc.type = file",
                "a1.channels.fc.checkpointDir = " + dir.resolve("fc/checkpoint"),
                "a1.channels.fc.dataDirs = /proc/flumekit-data",
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.channel = fc"));
    assertEquals(
        "a1: channel fc: dataDirs /proc/flumekit-data: /proc is on the kernel's proc file system,"
            + " which keeps no files: choose a directory on a disk",
        oneProblem(conf).get(0));
  }

  @Test
  void homeRelativeDirectoriesAreTheAgentUsersWhereverTheCheckStarts() throws Exception {
    // a topic dead-letter policy: its fallback directory is ~/.flume/flumekit/dead-letters
    Path conf = kafkaChannelAgent("home.conf", "a1.channels.kafka.deadLetter = topic:dlq");
    StandaloneKit.Run home =
        launcher("check", "-n", "a1", "-f", conf.toString(), "-Duser.home=" + dir);
    assertEquals(0, home.status(), home.out());
    List<String> lines = oneProblem(conf, "-Duser.home=/proc/flumekit-home");
    assertEquals(
        "a1: channel kafka: dead-letter fallback directory"
            + " /proc/flumekit-home/.flume/flumekit/dead-letters: /proc is on the kernel's proc"
            + " file system, which keeps no files: choose a directory on a disk",
        lines.get(0));
  }

  @Test
  void aMisspeltInterceptorIsNamedAtItsKeyWithTheNearestBuilder() throws Exception {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "interceptor.conf",
                "a1.sinks = k1",
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.channel = ch",
                "a1.sources.src.interceptors = i1",
                "a1.sources.src.interceptors.i1.type ="
                    + " dev.flumekit.interceptor.AccesLogInterceptor$Builder"));
    assertEquals(
        "a1: a1.sources.src.interceptors.i1.type ="
            + " 'dev.flumekit.interceptor.AccesLogInterceptor$Builder': no interceptor builder of"
            + " that name loads (did you mean dev.flumekit.interceptor.AccessLogInterceptor$Builder?);"
            + " a class must be given as its Builder, e.g. pkg.MyInterceptor$Builder, and its"
            + " plugin be in plugins.d",
        lines.get(0));
  }

  @Test
  void fileRollWithoutADirectoryNamesTheKey() throws Exception {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "roll.conf",
                "a1.sinks = roll",
                "a1.sinks.roll.type = file_roll",
                "a1.sinks.roll.channel = ch"));
    assertEquals(
        "a1: sink roll: sink.directory: required, expected the directory file_roll writes its"
            + " files to (Flume: Directory may not be null)",
        lines.get(0));
  }

  @Test
  void aValueFlumesOwnComponentReplacesWithItsOwnIsAProblem() throws Exception {
    // Flume's memory channel warns and runs with a capacity of 100: not what was written
    List<String> lines =
        oneProblem(
            memoryAgent(
                "capacity.conf",
                "a1.channels.ch.capacity = lots",
                "a1.sinks = k",
                "a1.sinks.k.type = null",
                "a1.sinks.k.channel = ch"));
    assertTrue(lines.get(0).startsWith("a1: Flume's MemoryChannel: "), lines.get(0));
    assertTrue(lines.get(0).contains("it goes on with a value of its own"), lines.get(0));
  }

  @Test
  void unansweringSystemsAreTheEnvironmentsExitThreeEachOnALine() throws Exception {
    Path conf =
        kafkaChannelAgent(
            "silent.conf",
            "a1.sinks = hb",
            "a1.sinks.hb.type = dev.flumekit.hbase.HBaseSink",
            "a1.sinks.hb.channel = kafka",
            "a1.sinks.hb.zookeeperQuorum = 127.0.0.1:1",
            "a1.sinks.hb.table = access_logs",
            "a1.sinks.hb.columnFamily = d");
    StandaloneKit.Run run = launcher("check", "-n", "a1", "-f", conf.toString(), "--connect");
    assertEquals(3, run.status(), run.out());
    assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("a1: channel kafka: ")), run.out());
    assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("a1: sink hb: ")), run.out());
    assertTrue(
        run.lines()
            .get(run.lines().size() - 1)
            .matches("a1: configuration OK, but \\d+ problems? with the systems it names .*"),
        run.out());
    // every failure a problem line: no stack trace, no client's log line
    assertTrue(
        run.lines().stream().noneMatch(l -> l.contains("Exception") || l.strip().startsWith("at ")),
        run.out());
  }

  @Test
  void aFlumeLibThatCannotBeAssembledIsTheEnvironmentsExitThree() throws Exception {
    StandaloneKit bare = StandaloneKit.unpack(Files.createDirectories(dir.resolve("bare")));
    StandaloneKit.Run run =
        bare.run(
            Map.of(
                "FLUMEKIT_LOCAL_REPO", dir.resolve("no-repository").toString(),
                "FLUMEKIT_MAVEN_REPO", dir.resolve("no-remote").toUri().toString()),
            "check",
            "-n",
            "collector",
            "-f",
            "conf/collector.conf");
    assertEquals(3, run.status(), run.out());
    assertTrue(run.out().contains("cannot fetch "), run.out());
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
