package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} in this JVM: Flume builds the agent from Flume's own components and fakes of
 * flumekit's ({@link FakeChannel}, {@link FakeSink}), without a Flume home, plugin jars or servers.
 * The cases ConfigCheckIT runs through the launcher on the tarball, each in seconds here.
 */
class ConfigCheckTest {
  @TempDir Path dir;

  private static final String FAKE_CHANNEL = FakeChannel.class.getName();
  private static final String FAKE_SINK = FakeSink.class.getName();

  /** What the check printed, a line each, and its exit status. */
  record Run(int status, List<String> lines, String err) {
    String out() {
      return String.join("\n", lines) + "\n" + err;
    }

    /** The lines before the last, without notes and warnings: the problems. */
    List<String> problems() {
      return lines.subList(0, lines.size() - 1).stream()
          .filter(l -> !l.startsWith("a1: note: ") && !l.startsWith("a1: warning: "))
          .toList();
    }
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  /** An agent of a sequence source, a memory channel and {@code extra} lines (its sink). */
  private Path memoryAgent(String... extra) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a1.sources = src",
                "a1.channels = ch",
                "a1.sources.src.type = seq",
                "a1.sources.src.channels = ch",
                "a1.channels.ch.type = memory"));
    lines.addAll(List.of(extra));
    return write("agent.conf", lines.toArray(String[]::new));
  }

  private static Run check(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ConfigCheck.run(
            args,
            CapturedLog.install(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    return new Run(
        status,
        printed.isEmpty() ? List.of() : List.of(printed.split("\n")),
        err.toString(StandardCharsets.UTF_8));
  }

  private static Run check(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("-n", "a1", "-f", file.toString()));
    args.addAll(List.of(more));
    return check(args.toArray(String[]::new));
  }

  /** Exit status 1 with one problem: that problem and what follows from it. */
  private static List<String> oneProblem(Path file) {
    Run run = check(file);
    assertEquals(ConfigCheck.PROBLEMS, run.status(), run.out());
    assertEquals("a1: 1 problem in " + file, run.lines().get(run.lines().size() - 1), run.out());
    assertTrue(run.lines().stream().noneMatch(l -> l.startsWith("a1: flow")), run.out());
    return run.problems();
  }

  @Test
  void aHealthyAgentIsOkWithItsFlowsAndExitsZero() throws IOException {
    Path file =
        memoryAgent(
            "a1.channels.ch.type = " + FAKE_CHANNEL,
            "a1.channels.ch.fake.guarantee = exactly-once",
            "a1.channels.ch.fake.reason = transactional = true: each batch is one transaction",
            "a1.sinks = k1",
            "a1.sinks.k1.type = null",
            "a1.sinks.k1.channel = ch");
    Run run = check(file);
    assertEquals(ConfigCheck.OK, run.status(), run.out());
    assertEquals(
        List.of(
            "a1: flow src -> ch -> k1: at most once (sink k1: Flume's null sink discards every"
                + " event)",
            "a1: configuration OK (" + file + "; flumekit (unpackaged))"),
        run.lines());
  }

  @Test
  void everyProblemIsNamedOnALineOfItsOwn() throws IOException {
    Path file =
        write(
            "broken.conf",
            "a1.sources = tail lonely",
            "a1.channels = kafka mem orphan",
            "a1.sinks = k1 k2 hb roll",
            // an agent-level key Flume ignores
            "a1.source = x",
            "a1.sources.tail.type = seq",
            "a1.sources.tail.channels = mem",
            // a source without a channel
            "a1.sources.lonely.type = seq",
            // a channel refusing a value, and the sink Flume drops with it
            "a1.channels.kafka.type = " + FAKE_CHANNEL,
            "a1.channels.kafka.fake.refuse = acks = 'maybe': expected one of all, -1, 1, 0",
            "a1.channels.mem.type = memory",
            // a channel nobody binds
            "a1.channels.orphan.type = memory",
            // a near miss of a key every sink has: the sink has no channel
            "a1.sinks.k1.type = " + FAKE_SINK,
            "a1.sinks.k1.chanel = mem",
            // a class that does not load
            "a1.sinks.k2.type = org.example.NoSuchSink",
            "a1.sinks.k2.channel = mem",
            "a1.sinks.hb.type = " + FAKE_SINK,
            "a1.sinks.hb.channel = kafka",
            // Flume's own file_roll sink refusing its configuration
            "a1.sinks.roll.type = file_roll",
            "a1.sinks.roll.channel = mem",
            // configured but not listed
            "a1.sinks.k3.type = logger");
    Run run = check(file);
    assertEquals(ConfigCheck.PROBLEMS, run.status(), run.out());
    assertEquals(
        List.of(
            "a1: a1.sinks.k1.chanel: not a key every sink has; did you mean channel?",
            "a1: a1.sinks.k3.type: k3 is not in a1.sinks (k1 k2 hb roll), so Flume ignores its"
                + " configuration",
            "a1: a1.source: not a key Flume knows; it is ignored (did you mean sources?)",
            "a1: lonely: key 'Channel': Property value missing.",
            "a1: lonely: key 'ChannelSelector': Configuration of component failed.",
            "a1: k1: key 'channel': Property value missing.",
            "a1: sink k2: type org.example.NoSuchSink does not load: Unable to load sink type:"
                + " org.example.NoSuchSink, class: org.example.NoSuchSink (is its plugin in"
                + " plugins.d?)",
            "a1: channel kafka: acks = 'maybe': expected one of all, -1, 1, 0",
            "    then Flume drops sink hb too, since it uses kafka",
            "a1: channel orphan: has no components connected and has been removed.",
            "a1: source lonely: Flume drops it: its configuration is incomplete (see above)",
            "a1: sink k1: Flume drops it: its configuration is incomplete (see above)",
            "a1: sink roll: sink.directory: required, expected the directory file_roll writes"
                + " its files to (Flume: Directory may not be null)",
            "a1: 12 problems in " + file),
        run.lines());
  }

  @Test
  void aComponentsWarningIsNoFailure() throws IOException {
    Path file =
        memoryAgent(
            "a1.sinks = k1",
            "a1.sinks.k1.type = " + FAKE_SINK,
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.fake.warn = Source tail: file group g (/logs/*.log) matches no file now");
    Run run = check(file);
    assertEquals(ConfigCheck.OK, run.status(), run.out());
    assertEquals(
        List.of(
            // a link that does not say decides before one that loses events
            "a1: flow src -> ch -> k1: unknown (sink k1 does not say what it guarantees)",
            "a1: warning: Source tail: file group g (/logs/*.log) matches no file now",
            "a1: configuration OK (" + file + "; flumekit (unpackaged))"),
        run.lines());
  }

  @Test
  void whatFlumeDropsWithAChannelWhoseClassDoesNotLoadIsFoldedUnderIt() throws IOException {
    List<String> lines =
        oneProblem(
            write(
                "no-channel-class.conf",
                "a1.sources = src",
                "a1.channels = c",
                "a1.sinks = k1",
                "a1.sources.src.type = seq",
                "a1.sources.src.channels = c",
                "a1.channels.c.type = org.example.NoSuchChannel",
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.channel = c"));
    assertTrue(
        lines.get(0).startsWith("a1: channel c: type org.example.NoSuchChannel does not load"),
        String.join("\n", lines));
    assertTrue(lines.get(0).endsWith(" (is its plugin in plugins.d?)"), lines.get(0));
    assertEquals(
        List.of(
            "    then Flume drops source src too, since it uses c",
            "    then Flume drops sink k1 too, since it uses c"),
        lines.subList(1, 3));
    assertEquals(3, lines.size(), String.join("\n", lines));
  }

  @Test
  void aChannelRefusingItsConfigurationHasTheDroppedSourceFoldedUnderIt() throws IOException {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "a1.channels.ch.type = " + FAKE_CHANNEL,
                "a1.channels.ch.fake.refuse = acks = 'maybe': expected one of all, -1, 1, 0"));
    assertEquals(
        List.of(
            "a1: channel ch: acks = 'maybe': expected one of all, -1, 1, 0",
            "    then Flume drops source src too, since it uses ch"),
        lines);
  }

  @Test
  void anEmptyValueIsNamedSinceFlumeDropsItAndTheDefaultApplies() throws IOException {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "a1.sinks = k1",
                "a1.sinks.k1.type = logger",
                "a1.sinks.k1.channel = ch",
                "a1.sinks.k1.maxBytesToLog ="));
    assertEquals(
        List.of(
            "a1: a1.sinks.k1.maxBytesToLog: empty, and Flume drops a key with an empty value, so"
                + " the component's default applies: give it a value, or remove the line to mean"
                + " the default"),
        lines);
  }

  @Test
  void anUnsetEnvironmentVariableIsNamedWithFilterAndKey() throws IOException {
    List<String> lines =
        oneProblem(
            memoryAgent(
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
  void aMisspeltInterceptorAliasIsNamedAtItsKeyWithFlumesNearest() throws IOException {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "a1.sinks = k1",
                "a1.sinks.k1.type = null",
                "a1.sinks.k1.channel = ch",
                "a1.sources.src.interceptors = i1",
                "a1.sources.src.interceptors.i1.type = timestmp"));
    assertEquals(
        List.of(
            "a1: a1.sources.src.interceptors.i1.type = 'timestmp': no interceptor builder of that"
                + " name loads (did you mean timestamp?); a class must be given as its Builder,"
                + " e.g. pkg.MyInterceptor$Builder, and its plugin be in plugins.d"),
        lines);
  }

  @Test
  void fileRollWithoutADirectoryNamesTheKey() throws IOException {
    assertEquals(
        List.of(
            "a1: sink roll: sink.directory: required, expected the directory file_roll writes its"
                + " files to (Flume: Directory may not be null)"),
        oneProblem(
            memoryAgent(
                "a1.sinks = roll",
                "a1.sinks.roll.type = file_roll",
                "a1.sinks.roll.channel = ch")));
  }

  @Test
  void aValueFlumesOwnComponentReplacesWithItsOwnIsAProblem() throws IOException {
    List<String> lines =
        oneProblem(
            memoryAgent(
                "a1.channels.ch.capacity = lots",
                "a1.sinks = k",
                "a1.sinks.k.type = null",
                "a1.sinks.k.channel = ch"));
    assertTrue(lines.get(0).startsWith("a1: Flume's MemoryChannel: "), lines.get(0));
    assertTrue(
        lines
            .get(0)
            .endsWith(
                ": it goes on with a value of its own instead of the one written; give the key a"
                    + " value it takes"),
        lines.get(0));
  }

  @Test
  void aDirectoryAComponentCannotWriteIsAProblemWithoutConnect() throws IOException {
    assertEquals(
        List.of("a1: sink k1: positionFile directory /proc/x: choose a directory on a disk"),
        oneProblem(
            memoryAgent(
                "a1.sinks = k1",
                "a1.sinks.k1.type = " + FAKE_SINK,
                "a1.sinks.k1.channel = ch",
                "a1.sinks.k1.fake.unwritable = positionFile directory /proc/x: choose a directory"
                    + " on a disk")));
  }

  @Test
  void aComponentThatFailsToAnswerIsSaidOnALineNotAStackTrace() throws IOException {
    Path file =
        memoryAgent(
            "a1.sinks = k1",
            "a1.sinks.k1.type = " + FAKE_SINK,
            "a1.sinks.k1.channel = ch",
            "a1.sinks.k1.fake.fail = the client would not start");
    assertEquals(
        List.of(
            "a1: sink k1: its directories cannot be asked: the client would not start",
            "a1: 1 problem in " + file),
        check(file).lines());
    // with --connect, the failure to answer is the environment's, said after the problem
    Run run = check(file, "--connect");
    assertEquals(ConfigCheck.PROBLEMS, run.status(), run.out());
    assertEquals(
        List.of(
            "a1: sink k1: its directories cannot be asked: the client would not start",
            "a1: sink k1: cannot be asked: the client would not start",
            "a1: 1 problem in " + file),
        run.lines());
  }

  @Test
  void unansweringSystemsAreTheEnvironmentsExitThreeEachOnALine() throws IOException {
    Path file =
        memoryAgent(
            "a1.channels.ch.type = " + FAKE_CHANNEL,
            "a1.channels.ch.fake.unreachable = no broker answers at 127.0.0.1:1",
            "a1.sinks = hb",
            "a1.sinks.hb.type = " + FAKE_SINK,
            "a1.sinks.hb.channel = ch",
            "a1.sinks.hb.fake.unreachable = table 'access_logs' does not exist");
    Run run = check(file, "--connect");
    assertEquals(ConfigCheck.ENVIRONMENT, run.status(), run.out());
    assertTrue(run.lines().contains("a1: channel ch: no broker answers at 127.0.0.1:1"), run.out());
    assertTrue(run.lines().contains("a1: sink hb: table 'access_logs' does not exist"), run.out());
    assertEquals(
        "a1: configuration OK, but 2 problems with the systems it names (" + file + ")",
        run.lines().get(run.lines().size() - 1));
    // not asked without --connect
    assertEquals(ConfigCheck.OK, check(file).status());
  }

  @Test
  void aWrongAgentNameOrFileIsSaidSo() throws IOException {
    Path file =
        write(
            "collector.conf",
            "collector.sources = s",
            "collector.channels = c",
            "collector.sources.s.type = seq",
            "collector.sources.s.channels = c",
            "collector.channels.c.type = memory");
    Run wrongName = check("-n", "colector", "-f", file.toString());
    assertEquals(ConfigCheck.PROBLEMS, wrongName.status(), wrongName.out());
    assertEquals(
        List.of(
            "colector: no agent 'colector' in "
                + file
                + " (it configures collector): nothing"
                + " would run",
            "colector: 1 problem in " + file),
        wrongName.lines());

    Run noFile = check("-n", "a1", "-f", dir.resolve("nothing.conf").toString());
    assertEquals(ConfigCheck.USAGE, noFile.status(), noFile.out());
    assertEquals("check: cannot read " + dir.resolve("nothing.conf") + "\n", noFile.err());

    Run usage = check("-n", "a1");
    assertEquals(ConfigCheck.USAGE, usage.status(), usage.out());
    assertTrue(usage.err().contains("usage: flumekit-agent check -n NAME -f FILE"), usage.err());
    Run unknown = check("-n", "a1", "-f", file.toString(), "--conect");
    assertEquals(ConfigCheck.USAGE, unknown.status(), unknown.out());
    assertTrue(unknown.err().startsWith("check: unknown option --conect\n"), unknown.err());
  }
}
