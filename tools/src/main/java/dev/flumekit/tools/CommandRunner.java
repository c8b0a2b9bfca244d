package dev.flumekit.tools;

import java.io.PrintStream;

/**
 * How the commands of {@code bin/flumekit-agent} that configure components ({@code test}, {@code
 * tap}) are run: logging captured, a runtime failure said on one line, the JVM halted with the
 * status. {@link CommandLine} reads their options.
 */
final class CommandRunner {
  /** A command: its exit status for {@code args}, its output on {@code out} and {@code err}. */
  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private CommandRunner() {}

  /**
   * Runs {@code command} with the JVM's logging captured and exits with its status: a runtime
   * failure is said on one line, as a usage error. Halts rather than exits: the components the
   * command configured may have started threads of their own.
   */
  static void exit(String name, String[] args, Command command) {
    CapturedLog.install();
    int status;
    try {
      status = command.run(args, System.out, System.err);
    } catch (RuntimeException e) {
      System.err.println(name + ": " + e);
      status = ConfigCheck.USAGE;
    }
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }
}
