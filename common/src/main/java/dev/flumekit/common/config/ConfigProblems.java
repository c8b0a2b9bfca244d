package dev.flumekit.common.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in one configuration so that they are reported together. */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  public void add(String problem) {
    problems.add(problem);
  }

  /**
   * Records that {@code key} has a value that is not what is {@code expected}; the value of a key
   * named like a secret (a passthrough {@code kafka.producer.ssl.key.password}, {@code hbase.*})
   * shows as {@value ConfigDef#HIDDEN}, since the message goes to the log and the check's output.
   */
  public void invalid(String key, String value, String expected) {
    add(
        key
            + " = '"
            + (ConfigDef.namesSecret(key) ? ConfigDef.HIDDEN : value)
            + "': expected "
            + expected);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /**
   * @throws ConfigException naming every problem, if there is any
   */
  public void throwIfAny(String component) {
    if (!problems.isEmpty()) {
      throw new ConfigException(component, problems);
    }
  }
}
