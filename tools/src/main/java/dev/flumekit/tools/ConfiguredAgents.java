package dev.flumekit.tools;

import dev.flumekit.common.agent.ComponentKind;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The agents a file configures, for an operator who named one it does not. */
final class ConfiguredAgents {
  private ConfiguredAgents() {}

  /** The prefixes of the file's component lists ({@code a1.sinks}); "no agent" for none. */
  static Set<String> of(Map<String, String> properties) {
    Set<String> agents = new TreeSet<>();
    for (String key : properties.keySet()) {
      for (ComponentKind kind : ComponentKind.values()) {
        String list = kind.list();
        if (key.endsWith("." + list) && key.indexOf('.') == key.length() - list.length() - 1) {
          agents.add(key.substring(0, key.indexOf('.')));
        }
      }
    }
    return agents.isEmpty() ? Set.of("no agent") : agents;
  }
}
