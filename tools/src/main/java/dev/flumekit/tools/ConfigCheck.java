package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.log.Reasons;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;

/**
 * {@code bin/flumekit-agent check -n NAME -f FILE [--connect]}: checks an agent's configuration
 * without starting it and prints one problem a line, its cause first, naming the key and the fix;
 * what Flume does because of it (a healthy source dropped with its channel) follows on indented
 * lines, not counted as problems. With {@code --connect}, also whether the brokers, topics and
 * tables it names answer, all asked at once within {@link #CONNECT_TIMEOUT} in all. Without
 * configuration problems, each flow's end-to-end delivery guarantee is printed on a {@code flow}
 * line with the settings that limit it. Exit status:
 *
 * <ul>
 *   <li>0: the agent would start whole (and, with --connect, everything it names answers);
 *   <li>1: configuration problems;
 *   <li>2: usage: a wrong command line or an unreadable file;
 *   <li>3: the environment: with --connect, a server that does not answer or a topic or table that
 *       does not exist (the launcher also exits 3 when Flume's lib/ cannot be assembled).
 * </ul>
 *
 * <p>Usable as systemd's {@code ExecStartPre}; {@code bin/flumekit-agent agent} runs it before
 * every start.
 */
public final class ConfigCheck {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;
  static final int ENVIRONMENT = 3;

  /**
   * How long --connect waits in all for the systems the agent names, asked at once: each component
   * is given 15 s of it, and has the rest to say so.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(17);

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
    for (CommandLine.Option option : CommandLine.parse(args, Set.of("--connect")).options()) {
      switch (option.name()) {
        case "-n", "--name" -> agent = option.value();
        case "-f", "--conf-file" -> file = option.complete() ? Paths.get(option.value()) : null;
        case "--connect" -> connect = CONNECT_TIMEOUT;
        default -> {
          err.println("check: unknown option " + option.name());
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
    SecretValues secrets = SecretValues.NONE;
    try {
      secrets = SecretValues.of(AgentFile.read(file));
      result = AgentCheck.run(agent, file, log, connect);
    } catch (IOException e) {
      err.println("check: cannot read " + file + ": " + Reasons.chain(e));
      return USAGE;
    } catch (RuntimeException | LinkageError e) {
      // a failure of the check itself, said on one line: never a stack trace
      out.println(secrets.hide(agent + ": the check failed: " + Reasons.chain(e)));
      return PROBLEMS;
    }
    SecretValues hidden = secrets;
    // the file's secret values hidden whoever worded the line
    return CheckReport.print(agent, file, result, line -> out.println(hidden.hide(line)));
  }

  private static int usage(PrintStream err) {
    err.println("usage: flumekit-agent check -n NAME -f FILE [--connect]");
    return USAGE;
  }
}
