package dev.flumekit.tools;

import dev.flumekit.common.version.FlumekitVersion;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * {@code bin/flumekit-agent check -n NAME -f FILE [--connect]}: checks an agent's configuration
 * without starting it and prints one problem a line; with {@code --connect}, also whether the
 * brokers, topics, tables and directories it names answer. Exit status: 0 when the agent would
 * start whole, 1 when it has problems, 2 when the command line is wrong or the file cannot be read.
 * Usable as systemd's {@code ExecStartPre}; {@code bin/flumekit-agent agent} runs it before every
 * start.
 */
public final class ConfigCheck {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;

  /** How long --connect waits for each broker, table or directory to answer. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private ConfigCheck() {}

  public static void main(String[] args) {
    CapturedLog log = CapturedLog.install();
    int status = run(args, log, System.out, System.err);
    System.out.flush();
    // components configured by the check may have started threads of their own
    Runtime.getRuntime().halt(status);
  }

  static int run(String[] args, CapturedLog log, PrintStream out, PrintStream err) {
    String agent = null;
    Path file = null;
    Duration connect = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-n", "--name" -> agent = i + 1 < args.length ? args[++i] : null;
        case "-f", "--conf-file" -> file = i + 1 < args.length ? Paths.get(args[++i]) : null;
        case "--connect" -> connect = CONNECT_TIMEOUT;
        default -> {
          err.println("check: unknown option " + args[i]);
          return usage(err);
        }
      }
    }
    if (agent == null || file == null) {
      return usage(err);
    }
    if (!Files.isReadable(file)) {
      err.println("check: cannot read " + file);
      return USAGE;
    }
    AgentCheck.Result result;
    try {
      result = AgentCheck.run(agent, file, log, connect);
    } catch (Exception e) {
      err.println("check: " + file + ": " + e);
      return USAGE;
    }
    for (String flow : result.flows()) {
      out.println(agent + ": " + flow);
    }
    for (String note : result.notes()) {
      out.println(agent + ": note: " + note);
    }
    for (String warning : result.warnings()) {
      out.println(agent + ": warning: " + warning);
    }
    for (String problem : result.problems()) {
      out.println(agent + ": " + problem);
    }
    if (result.ok()) {
      out.println(
          agent
              + ": configuration OK ("
              + file
              + "; flumekit "
              + FlumekitVersion.of(ConfigCheck.class)
              + ")");
      return OK;
    }
    out.println(
        agent
            + ": "
            + result.problems().size()
            + (result.problems().size() == 1 ? " problem" : " problems")
            + " in "
            + file);
    return PROBLEMS;
  }

  private static int usage(PrintStream err) {
    err.println("usage: flumekit-agent check -n NAME -f FILE [--connect]");
    return USAGE;
  }
}
