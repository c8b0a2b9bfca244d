package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flume.Context;

/**
 * The {@code flow} lines of an agent from its components as described ({@link Described}): each
 * source into each running channel it writes to, on to each sink of that channel, and a channel no
 * running source feeds to each of its sinks, each with the guarantee its links compose to ({@link
 * FlowGuarantee}). How a component comes to be described (configured by Flume's factories) is
 * {@link DeliveryFlows}'s.
 */
final class FlowLines {
  private FlowLines() {}

  /**
   * A component as a flow sees it: its keys, its link, and a channel's take side when the channel
   * describes one (flumekit's Kafka channel).
   */
  record Described(Context context, FlowGuarantee.Link link, Optional<FlowGuarantee.Link> take) {
    /**
     * A component's own description when it gives one, Flume's known behaviour otherwise.
     *
     * @param component the configured component if it describes its link, or null
     */
    static Described of(
        ComponentKind kind, String name, String type, Context context, DeliveryLink component) {
      String what = kind.named(name);
      FlowGuarantee.Link link =
          component != null && component.deliveryGuarantee() != null
              ? new FlowGuarantee.Link(
                  what,
                  component.deliveryGuarantee(),
                  what + ": " + component.deliveryReason(),
                  component.deduplicates())
              : FlumeLinks.link(kind, name, type, context);
      Optional<FlowGuarantee.Link> take =
          component != null && component.takeGuarantee() != null
              ? Optional.of(
                  new FlowGuarantee.Link(
                      what, component.takeGuarantee(), what + ": " + component.takeReason(), false))
              : Optional.empty();
      return new Described(context, link, take);
    }
  }

  /** How the flows see each component: asked once per component, however many flows it is in. */
  interface Components {
    Described described(ComponentKind kind, String name);
  }

  /**
   * @param properties the agent's keys as written: which sinks take from which channel
   * @param running the components Flume built, by kind
   */
  static List<String> of(
      String agent,
      Map<String, String> properties,
      Map<ComponentKind, Set<String>> running,
      Components components) {
    List<String> flows = new ArrayList<>();
    Set<String> fed = new HashSet<>();
    for (String source : running.get(ComponentKind.SOURCE)) {
      Described from = components.described(ComponentKind.SOURCE, source);
      List<String> optional = words(from.context().getString("selector.optional", ""));
      for (String channel : words(from.context().getString("channels", ""))) {
        if (!running.get(ComponentKind.CHANNEL).contains(channel)) {
          continue;
        }
        fed.add(channel);
        List<FlowGuarantee.Link> head = new ArrayList<>(List.of(from.link()));
        if (optional.contains(channel)) {
          head.add(
              new FlowGuarantee.Link(
                  "source " + source,
                  DeliveryLink.AT_MOST_ONCE,
                  "source "
                      + source
                      + ": selector.optional names "
                      + channel
                      + ": a put into it that fails is dropped",
                  false));
        }
        Described through = components.described(ComponentKind.CHANNEL, channel);
        head.add(through.link());
        List<String> drains = sinksOf(agent, channel, properties);
        if (drains.isEmpty()) {
          flows.add(line(source + " -> " + channel, head));
        }
        for (String sink : drains) {
          List<FlowGuarantee.Link> links = new ArrayList<>(head);
          through.take().ifPresent(links::add);
          links.add(components.described(ComponentKind.SINK, sink).link());
          flows.add(line(source + " -> " + channel + " -> " + sink, links));
        }
      }
    }
    for (String channel : running.get(ComponentKind.CHANNEL)) {
      if (fed.contains(channel)) {
        continue;
      }
      for (String sink : sinksOf(agent, channel, properties)) {
        List<FlowGuarantee.Link> links = new ArrayList<>();
        components.described(ComponentKind.CHANNEL, channel).take().ifPresent(links::add);
        links.add(components.described(ComponentKind.SINK, sink).link());
        flows.add(line(channel + " -> " + sink, links));
      }
    }
    return flows;
  }

  private static String line(String flow, List<FlowGuarantee.Link> links) {
    FlowGuarantee g = FlowGuarantee.of(links);
    return "flow "
        + flow
        + ": "
        + g.level()
        + (g.reason().isEmpty() ? "" : " (" + g.reason() + ")");
  }

  /** The declared sinks that take from {@code channel}. */
  private static List<String> sinksOf(
      String agent, String channel, Map<String, String> properties) {
    List<String> names = new ArrayList<>();
    for (String sink : AgentFile.components(properties, agent, ComponentKind.SINK)) {
      if (channel.equals(
          properties
              .getOrDefault(AgentFile.prefix(agent, ComponentKind.SINK, sink) + "channel", "")
              .trim())) {
        names.add(sink);
      }
    }
    names.sort(null);
    return names;
  }

  private static List<String> words(String list) {
    String trimmed = list.trim();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }
}
