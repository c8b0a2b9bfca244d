package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Edits of the configuration Flume is given to build: a component that does not load leaves it, so
 * that Flume checks the rest instead of giving up on the whole agent.
 */
final class LeftOut {
  private LeftOut() {}

  /**
   * Removes {@code name} from the list {@code owner.list} (dropping the list when it was the last)
   * and drops its keys.
   *
   * @param owner the list's owner: the agent ({@code a1}) or a source ({@code a1.sources.src})
   * @param list the list's key under it: {@code sinks}, {@code interceptors}
   */
  static void leaveOut(Map<String, String> properties, String owner, String list, String name) {
    String listKey = owner + "." + list;
    List<String> rest =
        new ArrayList<>(Arrays.asList(properties.get(listKey).trim().split("\\s+")));
    rest.remove(name);
    if (rest.isEmpty()) {
      properties.remove(listKey);
    } else {
      properties.put(listKey, String.join(" ", rest));
    }
    properties.keySet().removeIf(k -> k.startsWith(listKey + "." + name + "."));
  }
}
