package dev.flumekit.tools;

import dev.flumekit.common.files.Directories;
import dev.flumekit.common.tooling.Reachable;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Context;
import org.apache.flume.conf.FlumeConfiguration;

/**
 * {@code check --connect}: asks every component that Flume would start whether what its
 * configuration names answers (flumekit's components, through {@link Reachable}: brokers, topics,
 * tables, directories), and whether Flume's file channels can write their directories. Each
 * component is configured afresh for this and never started.
 */
final class ConnectCheck {
  private static final Set<String> FILE_CHANNEL =
      Set.of("file", "org.apache.flume.channel.file.FileChannel");

  private ConnectCheck() {}

  /**
   * @param config the agent as Flume validated it (contexts with configuration filters applied), or
   *     null when Flume dropped it
   * @param running the components Flume built, by kind ({@code sources}, {@code channels}, {@code
   *     sinks})
   */
  static List<String> run(
      String agent,
      Map<String, String> properties,
      FlumeConfiguration.AgentConfiguration config,
      Map<String, Set<String>> running,
      Duration timeout) {
    List<String> problems = new ArrayList<>();
    if (config == null) {
      return problems; // Flume drops the whole agent: said already
    }
    for (Map.Entry<String, Set<String>> kind : running.entrySet()) {
      Map<String, Context> contexts =
          switch (kind.getKey()) {
            case "sources" -> config.getSourceContext();
            case "channels" -> config.getChannelContext();
            default -> config.getSinkContext();
          };
      for (String name : kind.getValue()) {
        Context context = contexts.get(name);
        String type = properties.get(agent + "." + kind.getKey() + "." + name + ".type");
        if (context == null || type == null) {
          continue;
        }
        String what = kind.getKey().substring(0, kind.getKey().length() - 1) + " " + name;
        if (kind.getKey().equals("channels") && FILE_CHANNEL.contains(type)) {
          for (String key : List.of("checkpointDir", "dataDirs", "backupCheckpointDir")) {
            String dirs = context.getString(key);
            if (dirs != null) {
              for (String dir : dirs.split(",")) {
                Directories.unwritable(key, Paths.get(dir.trim()))
                    .ifPresent(p -> problems.add(what + ": " + p));
              }
            }
          }
          continue;
        }
        for (String problem : reach(kind.getKey(), name, type, context, timeout)) {
          problems.add(what + ": " + problem);
        }
      }
    }
    return problems;
  }

  private static List<String> reach(
      String kind, String name, String type, Context context, Duration timeout) {
    return UnstartedComponent.of(kind, name, type, context, Reachable.class)
        .map(r -> r.unreachable(timeout))
        .orElse(List.of());
  }
}
