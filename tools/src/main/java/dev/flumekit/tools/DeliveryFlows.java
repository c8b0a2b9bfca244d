package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Context;
import org.apache.flume.conf.FlumeConfiguration;

/**
 * What {@code check} prints as {@code flow:} lines: each flow of an agent (a source into a channel,
 * on to each sink of that channel; a channel without a source to each of its sinks) with its
 * end-to-end delivery guarantee, derived from the settings, and the setting that limits it. Here
 * each component is made by Flume's factories and configured, so that flumekit's describe their own
 * link ({@link DeliveryLink}); the flows and Flume's own components are {@link FlowLines}'s.
 */
final class DeliveryFlows {
  private DeliveryFlows() {}

  /**
   * @param config the agent as Flume validated it, or null when Flume drops it
   * @param running the components Flume built, by kind
   */
  static List<String> of(
      String agent,
      Map<String, String> properties,
      FlumeConfiguration.AgentConfiguration config,
      Map<ComponentKind, Set<String>> running) {
    if (config == null) {
      return new ArrayList<>();
    }
    return FlowLines.of(agent, properties, running, new Configured(agent, properties, config));
  }

  /** The agent's components, each configured and described once however many flows it is in. */
  private static final class Configured implements FlowLines.Components {
    private final String agent;
    private final Map<String, String> properties;
    private final FlumeConfiguration.AgentConfiguration config;
    private final Map<String, FlowLines.Described> described = new HashMap<>();

    Configured(
        String agent,
        Map<String, String> properties,
        FlumeConfiguration.AgentConfiguration config) {
      this.agent = agent;
      this.properties = properties;
      this.config = config;
    }

    @Override
    public FlowLines.Described described(ComponentKind kind, String name) {
      return described.computeIfAbsent(kind.list() + "." + name, k -> describe(kind, name));
    }

    private FlowLines.Described describe(ComponentKind kind, String name) {
      Map<String, Context> validated = ComponentQuestions.contexts(config, kind);
      Context context = context(agent, kind, name, properties, validated);
      String type =
          properties.getOrDefault(AgentFile.prefix(agent, kind, name) + "type", "").trim();
      DeliveryLink component = null;
      try {
        component =
            UnstartedComponent.of(kind, name, type, context, DeliveryLink.class).orElse(null);
      } catch (RuntimeException | LinkageError e) {
        // a component that does not build is a problem said elsewhere; here it says nothing
      }
      return FlowLines.Described.of(kind, name, type, context, component);
    }
  }

  /**
   * A component's keys: as Flume validated them (configuration filters applied) for the classes it
   * does not know, as written for its own, whose keys it keeps elsewhere.
   */
  private static Context context(
      String agent,
      ComponentKind kind,
      String name,
      Map<String, String> properties,
      Map<String, Context> validated) {
    Context context = validated.get(name);
    if (context != null) {
      return context;
    }
    return new Context(AgentFile.under(properties, AgentFile.prefix(agent, kind, name)));
  }
}
