package dev.flumekit.common.config;

import java.util.List;
import org.apache.flume.FlumeException;

/**
 * A component's configuration is wrong. The message names every bad key, its value and what is
 * expected, so that one agent start shows all problems at once.
 */
public final class ConfigException extends FlumeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String component, List<String> problems) {
    super(format(component, problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String format(String component, List<String> problems) {
    StringBuilder message =
        new StringBuilder("Invalid configuration for ")
            .append(component)
            .append(" (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      message.append("\n  - ").append(problem);
    }
    return message.toString();
  }
}
