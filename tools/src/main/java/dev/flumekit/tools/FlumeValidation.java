package dev.flumekit.tools;

import dev.flumekit.common.agent.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.conf.FlumeConfigurationError;
import org.apache.flume.conf.FlumeConfigurationErrorType;

/**
 * Flume's own validation of the agent's part of a file ({@link
 * org.apache.flume.conf.FlumeConfiguration#getConfigurationErrors()}), worded for the operator: its
 * errors are problems and its warnings warnings, except where Flume misleads or another check says
 * it better.
 */
record FlumeValidation(List<String> problems, List<String> warnings) {
  /**
   * @param declared the components each kind's list of the agent names: errors of other agents and
   *     of components not listed are not this agent's
   */
  static FlumeValidation of(
      String agent,
      Map<ComponentKind, Set<String>> declared,
      List<FlumeConfigurationError> errors) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> mine = new TreeSet<>();
    mine.add(agent);
    declared.values().forEach(mine::addAll);
    for (FlumeConfigurationError e : errors) {
      if (e.getErrorType() == FlumeConfigurationErrorType.PROPERTY_VALUE_NULL
          && e.getComponentName().startsWith(agent + ".")
          && e.getComponentName().indexOf('.', agent.length() + 1) > 0) {
        // Flume drops a key without a value: the component then takes its default, silently
        problems.add(
            e.getComponentName()
                + ": empty, and Flume drops a key with an empty value, so the component's default"
                + " applies: give it a value, or remove the line to mean the default");
        continue;
      }
      if (!mine.contains(e.getComponentName())
          || (e.getComponentName().equals(agent)
              && List.of(ComponentKind.SOURCE.list(), ComponentKind.SINK.list())
                  .contains(e.getKey())
              && e.getErrorType() == FlumeConfigurationErrorType.PROPERTY_VALUE_NULL)) {
        // an agent of a Kafka channel alone needs no source or sink: Flume's warning misleads
        continue;
      }
      if (e.getComponentName().equals(agent)
          && e.getErrorType() == FlumeConfigurationErrorType.INVALID_PROPERTY) {
        continue; // an unknown agent-level key: KeyTypos named it, with a suggestion
      }
      String line =
          e.getComponentName()
              + (e.getKey() == null || e.getKey().isEmpty() ? "" : ": key '" + e.getKey() + "'")
              + ": "
              + e.getErrorType().getError();
      (e.getErrorOrWarning() == FlumeConfigurationError.ErrorOrWarning.ERROR ? problems : warnings)
          .add(line);
    }
    return new FlumeValidation(problems, warnings);
  }
}
