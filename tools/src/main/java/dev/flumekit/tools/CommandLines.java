package dev.flumekit.tools;

import java.io.PrintStream;

/**
 * What the commands of {@code bin/flumekit-agent} that take option-value pairs share ({@code test},
 * {@code tap}): how they are run ({@link CommandLine} reads their options).
 */
final class CommandLines {
  /** A command: its exit status for {@code args}, its output on {@code out} and {@code err}. */
  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private CommandLines() {}

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
