package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;

/**
 * The components of an agent that Flume did not build, each with Flume's reasons and its own; one
 * dropped only because its channels were is no problem of its own, and is said under its channel's
 * first problem as what Flume then does.
 */
final class DroppedComponents {
  /** Flume's words when it drops a component: "Sink k1 has been removed ...". */
  private static final Pattern DROPPED =
      Pattern.compile("^(Source|Channel|Sink|SinkGroup) (\\S+) (.*)$", Pattern.DOTALL);

  private final String agent;
  private final Map<String, String> properties;
  private final Map<ComponentKind, Set<String>> declared;
  private final Map<String, String> loadable;

  /**
   * @param declared the components each kind's list names
   * @param loadable the configuration Flume was given: without the components that do not load
   */
  DroppedComponents(
      String agent,
      Map<String, String> properties,
      Map<ComponentKind, Set<String>> declared,
      Map<String, String> loadable) {
    this.agent = agent;
    this.properties = properties;
    this.declared = declared;
    this.loadable = loadable;
  }

  /**
   * {@code found} followed by a problem for each declared component Flume did not build, with
   * Flume's reasons and the component's; a component dropped because its channels were is said
   * under its channel's first problem, as what Flume then does.
   *
   * @param logged what was logged as Flume built the agent: its reasons for each it dropped
   */
  List<AgentCheck.Problem> problems(
      List<AgentCheck.Problem> found,
      Map<ComponentKind, Set<String>> running,
      List<CapturedLog.Entry> logged) {
    Map<String, List<String>> reasons = reasons(logged);
    Set<String> droppedChannels = new TreeSet<>(declared.get(ComponentKind.CHANNEL));
    droppedChannels.removeAll(running.get(ComponentKind.CHANNEL));
    // where each dropped channel's first problem is, for what Flume drops because of it
    Map<String, Integer> channelCause = new LinkedHashMap<>();
    Map<String, Set<String>> followOns = new LinkedHashMap<>();
    for (ComponentKind kind :
        List.of(ComponentKind.CHANNEL, ComponentKind.SOURCE, ComponentKind.SINK)) {
      for (String name : declared.get(kind)) {
        if (running.get(kind).contains(name) || inGroup(kind, name)) {
          continue;
        }
        String typeKey = AgentFile.prefix(agent, kind, name) + "type";
        if (!loadable.containsKey(typeKey) && properties.containsKey(typeKey)) {
          continue; // its class did not load: said above
        }
        String what = kind.named(name);
        String type = loadable.get(typeKey);
        List<String> own = FlumeReasons.causes(type, reasons.getOrDefault(name, List.of()));
        Set<String> channels = channelsOf(kind, name);
        boolean channelsGone = !channels.isEmpty() && droppedChannels.containsAll(channels);
        if (channelsGone) {
          // its channels are the cause: that Flume drops it too follows from theirs
          own.removeIf(FlumeReasons::followsFromItsChannel);
          followOns.put(what, channels);
        } else if (own.isEmpty()) {
          own.add("Flume drops it: its configuration is incomplete (see above)");
        }
        for (String reason : own) {
          if (kind == ComponentKind.CHANNEL) {
            channelCause.putIfAbsent(name, found.size());
          }
          found.add(AgentCheck.Problem.of(what + ": " + reason));
        }
      }
    }
    for (Map.Entry<String, Set<String>> followOn : followOns.entrySet()) {
      String channels = String.join(", ", followOn.getValue());
      String first = followOn.getValue().iterator().next();
      Integer at = channelCause.get(first);
      for (int i = 0; at == null && i < found.size(); i++) {
        if (found.get(i).line().startsWith("channel " + first + ": ")) {
          at = i; // said before the build: its class does not load
        }
      }
      if (at == null) {
        found.add(
            AgentCheck.Problem.of(
                followOn.getKey()
                    + ": Flume drops it: its channels ("
                    + channels
                    + ") are dropped"));
        continue;
      }
      AgentCheck.Problem cause = found.get(at);
      List<String> then = new ArrayList<>(cause.then());
      then.add("then Flume drops " + followOn.getKey() + " too, since it uses " + channels);
      found.set(at, new AgentCheck.Problem(cause.line(), then));
    }
    return found;
  }

  /** The channels a source writes to or a sink takes from, as configured; none for a channel. */
  private Set<String> channelsOf(ComponentKind kind, String name) {
    return switch (kind) {
      case SOURCE ->
          AgentFile.words(properties.get(AgentFile.prefix(agent, kind, name) + "channels"));
      case SINK -> AgentFile.words(properties.get(AgentFile.prefix(agent, kind, name) + "channel"));
      default -> Set.of();
    };
  }

  /** A sink in a sink group runs under the group's runner, keyed by the group's name. */
  private boolean inGroup(ComponentKind kind, String sink) {
    if (kind != ComponentKind.SINK) {
      return false;
    }
    for (String group : declared.get(ComponentKind.SINK_GROUP)) {
      String members =
          properties.get(AgentFile.prefix(agent, ComponentKind.SINK_GROUP, group) + "sinks");
      if (AgentFile.words(members).contains(sink)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Flume's reasons for each component it dropped, by component name: its own message, then each
   * problem the component's exception names (flumekit's list every bad key on a line of its own).
   */
  private static Map<String, List<String>> reasons(List<CapturedLog.Entry> entries) {
    Map<String, List<String>> reasons = new TreeMap<>();
    for (CapturedLog.Entry e : entries) {
      if (e.level().isLessSpecificThan(Level.WARN) && e.level() != Level.WARN) {
        continue;
      }
      Matcher m = DROPPED.matcher(e.message());
      if (!m.matches()) {
        continue;
      }
      List<String> lines = reasons.computeIfAbsent(m.group(2), x -> new ArrayList<>());
      lines.add(m.group(3));
      for (Throwable t = e.thrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
        for (String line : String.valueOf(t.getMessage()).split("\n")) {
          String item = line.strip();
          if (item.startsWith("- ")) {
            lines.add(item.substring(2));
          } else if (!item.isEmpty() && !item.startsWith("Invalid configuration for ")) {
            lines.add(item);
          }
        }
      }
    }
    return reasons;
  }
}
