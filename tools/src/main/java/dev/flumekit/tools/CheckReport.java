package dev.flumekit.tools;

import dev.flumekit.common.version.FlumekitVersion;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What {@code check} prints of a {@link AgentCheck.Result}, a line each, and the exit status it
 * makes ({@link ConfigCheck}): notes, flows (only when nothing stops the agent), warnings, one line
 * per problem with what Flume then does indented under it, what does not answer, and a last line
 * that sums it up.
 */
final class CheckReport {
  private CheckReport() {}

  /**
   * @param out takes each line (the caller hides secret values)
   * @return {@link ConfigCheck#OK}, {@link ConfigCheck#PROBLEMS} or {@link ConfigCheck#ENVIRONMENT}
   */
  static int print(String agent, Path file, AgentCheck.Result result, Consumer<String> out) {
    for (String note : result.notes()) {
      out.accept(agent + ": note: " + note);
    }
    if (result.problems().isEmpty()) {
      // the guarantee of an agent that would not start as written says nothing
      for (String flow : result.flows()) {
        out.accept(agent + ": " + flow);
      }
    }
    for (String warning : result.warnings()) {
      out.accept(agent + ": warning: " + warning);
    }
    for (AgentCheck.Problem problem : result.problems()) {
      out.accept(agent + ": " + problem.line());
      for (String then : problem.then()) {
        out.accept("    " + then);
      }
    }
    for (String unreachable : result.unreachable()) {
      out.accept(agent + ": " + unreachable);
    }
    if (result.ok()) {
      out.accept(
          agent
              + ": configuration OK ("
              + file
              + "; flumekit "
              + FlumekitVersion.of(ConfigCheck.class)
              + ")");
      return ConfigCheck.OK;
    }
    if (result.problems().isEmpty()) {
      out.accept(
          agent
              + ": configuration OK, but "
              + count(result.unreachable().size(), "problem")
              + " with the systems it names ("
              + file
              + ")");
      return ConfigCheck.ENVIRONMENT;
    }
    out.accept(agent + ": " + count(result.problems().size(), "problem") + " in " + file);
    return ConfigCheck.PROBLEMS;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
