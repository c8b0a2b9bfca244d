package dev.flumekit.reload;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/flumekit-agent check} (its class, {@code dev.flumekit.tools.ConfigCheck}) on an
 * edited file in a JVM of its own, with the agent's class path: the check builds every component as
 * the agent would, and its log capture and threads must not touch the running agent's.
 */
final class ChildJvmCheck implements ConfigurationCheck {
  static final String MAIN = "dev.flumekit.tools.ConfigCheck";

  /** A check builds the agent's components once: far below this even on a loaded host. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** System properties of the agent the check must not inherit: its log files, its ports. */
  private static final List<String> NOT_INHERITED =
      List.of("-Dlog4j", "-Dflume.log.", "-Dflume.monitoring.", "-Dcom.sun.management.");

  private final String agent;
  private final List<String> javaCommand;
  private final String classPath;

  /**
   * @param javaHome the JVM to run the check with (the agent's)
   * @param agentClassPath the agent's class path entries
   * @param agentArguments the agent JVM's arguments, whose system properties the check inherits (a
   *     configuration may name them)
   * @param toolsJars the jars of flumekit's commands
   */
  ChildJvmCheck(
      String agent,
      Path javaHome,
      List<String> agentClassPath,
      List<String> agentArguments,
      List<Path> toolsJars) {
    this.agent = agent;
    this.javaCommand = javaCommand(javaHome, agentArguments);
    this.classPath = classPath(agentClassPath, toolsJars);
  }

  static List<String> javaCommand(Path javaHome, List<String> agentArguments) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-Xmx384m");
    for (String argument : agentArguments) {
      if (argument.startsWith("-D") && NOT_INHERITED.stream().noneMatch(argument::startsWith)) {
        command.add(argument);
      }
    }
    command.add(MAIN);
    return command;
  }

  /**
   * The agent's jars and the commands' jars; never a directory of the agent's (its configuration
   * directory's log4j2.xml would open the agent's log files in the check's JVM).
   */
  static String classPath(List<String> agentClassPath, List<Path> toolsJars) {
    List<String> entries = new ArrayList<>();
    for (String entry : agentClassPath) {
      if (entry.endsWith(".jar")) {
        entries.add(entry);
      }
    }
    toolsJars.forEach(j -> entries.add(j.toString()));
    return String.join(File.pathSeparator, entries);
  }

  @Override
  public Verdict check(Path snapshot, Path edited) {
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(List.of("-n", agent, "-f", snapshot.toString()));
    Path output = Path.of(snapshot + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    // in the environment, not on the command line: a long class path stays out of `ps`
    builder.environment().put("CLASSPATH", classPath);
    Process process = null;
    try {
      process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Verdict(
            Outcome.UNDECIDED, List.of("the check of " + edited + " did not end in " + TIMEOUT));
      }
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.contains(": configuration OK (")) {
          lines.add(line.replace(snapshot.toString(), edited.toString()));
        }
      }
      int status = process.exitValue();
      if (status == 0) {
        return new Verdict(Outcome.PASSED, List.copyOf(lines));
      }
      // problems end with the check's count of them; a JVM that could not start the check exits
      // 1 too, without that line
      if (status == 1 && lines.stream().anyMatch(l -> l.matches(".*: \\d+ problems? in .*"))) {
        return new Verdict(Outcome.REFUSED, List.copyOf(lines));
      }
      lines.add(0, "the check of " + edited + " could not decide (exit status " + status + "):");
      return new Verdict(Outcome.UNDECIDED, List.copyOf(lines));
    } catch (IOException e) {
      // refused, not thrown: Flume's poller stops polling for good on an exception
      return new Verdict(
          Outcome.UNDECIDED, List.of("cannot run the check of " + edited + ": " + e));
    } catch (InterruptedException e) {
      // the agent stops: its check must not outlive it
      if (process != null) {
        process.destroyForcibly();
      }
      Thread.currentThread().interrupt();
      return new Verdict(Outcome.UNDECIDED, List.of("the check of " + edited + " was interrupted"));
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // left in the agent's own snapshot directory: harmless
      }
    }
  }
}
