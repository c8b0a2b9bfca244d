package dev.flumekit.tools;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.config.Spelling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keys of an agent's configuration that Flume ignores without a word: an agent-level key it does
 * not know, a component kind misspelt, a component configured but not listed, and near misses of
 * the keys every component of a kind has ({@code chanel}, {@code channel} on a source). Keys of a
 * component's own are its business: flumekit's components refuse unknown ones themselves.
 */
final class KeyTypos {
  private static final Set<String> AGENT_KEYS =
      Arrays.stream(ComponentKind.values()).map(ComponentKind::list).collect(Collectors.toSet());

  /** What every component of a kind may have, beside the keys of its type. */
  private static final Map<ComponentKind, Set<String>> COMMON_KEYS =
      Map.of(
          ComponentKind.SOURCE, Set.of("type", "channels", "selector", "interceptors"),
          ComponentKind.CHANNEL, Set.of("type"),
          ComponentKind.SINK, Set.of("type", "channel"),
          ComponentKind.SINK_GROUP, Set.of("sinks", "processor"),
          ComponentKind.CONFIG_FILTER, Set.of("type"));

  private KeyTypos() {}

  /**
   * Problems with the keys of {@code agent}, a line each.
   *
   * @param declared the components each kind's list names (sources → tail, ...)
   */
  static List<String> find(
      String agent, Map<String, String> properties, Map<ComponentKind, Set<String>> declared) {
    List<String> problems = new ArrayList<>();
    String prefix = agent + ".";
    Map<String, String> mine = new TreeMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            mine.put(k.substring(prefix.length()), v);
          }
        });
    for (String key : mine.keySet()) {
      String[] parts = key.split("\\.", 3);
      String kind = parts[0];
      if (parts.length == 1) {
        if (!AGENT_KEYS.contains(kind)) {
          problems.add(
              prefix
                  + key
                  + ": not a key Flume knows; it is ignored"
                  + suggestion(kind, AGENT_KEYS));
        }
        continue;
      }
      Optional<ComponentKind> listKind = ComponentKind.ofList(kind);
      if (listKind.isEmpty()) {
        problems.add(
            prefix
                + key
                + ": '"
                + kind
                + "' is not a kind of component; the key is ignored"
                + suggestion(kind, AGENT_KEYS));
        continue;
      }
      String name = parts[1];
      Set<String> listed = declared.getOrDefault(listKind.get(), Set.of());
      if (!listed.contains(name)) {
        problems.add(
            prefix
                + key
                + ": "
                + name
                + " is not in "
                + prefix
                + kind
                + " ("
                + String.join(" ", listed)
                + "), so Flume ignores its configuration");
        continue;
      }
      if (parts.length == 3) {
        String property = parts[2].split("\\.", 2)[0];
        Set<String> common = COMMON_KEYS.get(listKind.get());
        if (!common.contains(property)) {
          // one edit from a short key, two from a long one: "host" is no typo of "type"
          Spelling.closest(property, common, 1)
              .or(() -> Spelling.closest(property, common, 2).filter(k -> k.length() > 6))
              .ifPresent(
                  known ->
                      problems.add(
                          prefix
                              + key
                              + ": not a key every "
                              + kind.substring(0, kind.length() - 1)
                              + " has; did you mean "
                              + known
                              + "?"));
        }
      }
    }
    return problems;
  }

  private static String suggestion(String word, Set<String> known) {
    return Spelling.closest(word, known, 2).map(k -> " (did you mean " + k + "?)").orElse("");
  }
}
