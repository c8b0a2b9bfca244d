package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flume.Context;
import org.apache.flume.conf.FlumeConfiguration;

/**
 * What {@code check} prints as {@code flow:} lines: each flow of an agent (a source into a channel,
 * on to each sink of that channel; a channel without a source to each of its sinks) with its
 * end-to-end delivery guarantee, derived from the settings, and the setting that limits it.
 * flumekit's components describe their own link ({@link DeliveryLink}); Flume's own are known here.
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
    List<String> flows = new ArrayList<>();
    if (config == null) {
      return flows;
    }
    Components components = new Components(agent, properties, config);
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

  /**
   * A component as a flow sees it: its keys, its link, and a channel's take side when the channel
   * describes one (flumekit's Kafka channel).
   */
  private record Described(
      Context context, FlowGuarantee.Link link, Optional<FlowGuarantee.Link> take) {}

  /** The agent's components, each configured and described once however many flows it is in. */
  private static final class Components {
    private final String agent;
    private final Map<String, String> properties;
    private final FlumeConfiguration.AgentConfiguration config;
    private final Map<String, Described> described = new HashMap<>();

    Components(
        String agent,
        Map<String, String> properties,
        FlumeConfiguration.AgentConfiguration config) {
      this.agent = agent;
      this.properties = properties;
      this.config = config;
    }

    Described described(ComponentKind kind, String name) {
      return described.computeIfAbsent(kind.list() + "." + name, k -> describe(kind, name));
    }

    private Described describe(ComponentKind kind, String name) {
      Map<String, Context> validated = ComponentQuestions.contexts(config, kind);
      Context context = context(agent, kind, name, properties, validated);
      String what = kind.named(name);
      String type =
          properties.getOrDefault(AgentFile.prefix(agent, kind, name) + "type", "").trim();
      DeliveryLink component = null;
      try {
        component =
            UnstartedComponent.of(kind, name, type, context, DeliveryLink.class).orElse(null);
      } catch (RuntimeException | LinkageError e) {
        // a component that does not build is a problem said elsewhere; here it says nothing
      }
      FlowGuarantee.Link link =
          component != null && component.deliveryGuarantee() != null
              ? new FlowGuarantee.Link(
                  what,
                  component.deliveryGuarantee(),
                  what + ": " + component.deliveryReason(),
                  component.deduplicates())
              : FlumeComponents.link(kind, name, type, context);
      Optional<FlowGuarantee.Link> take =
          component != null && component.takeGuarantee() != null
              ? Optional.of(
                  new FlowGuarantee.Link(
                      what, component.takeGuarantee(), what + ": " + component.takeReason(), false))
              : Optional.empty();
      return new Described(context, link, take);
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

  /** What Flume's own components keep, by their documented behaviour. */
  static final class FlumeComponents {
    private FlumeComponents() {}

    static FlowGuarantee.Link link(ComponentKind kind, String name, String type, Context context) {
      String t = shortType(type);
      String what = kind.named(name);
      return switch (kind) {
        case SOURCE -> source(what, t, type.trim());
        case CHANNEL -> channel(what, t, context);
        default -> sink(what, t, type.trim(), context);
      };
    }

    private static FlowGuarantee.Link channel(String what, String type, Context context) {
      if (type.equals("file")
          && context != null
          && !context.getBoolean("fsyncPerTransaction", true)) {
        return new FlowGuarantee.Link(
            what,
            DeliveryLink.AT_MOST_ONCE,
            what
                + ": fsyncPerTransaction = false: what the file channel took is lost if the machine"
                + " goes down before the disk has it",
            false);
      }
      return switch (type) {
        case "memory", "spillablememory" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.AT_MOST_ONCE,
                what
                    + ": a "
                    + type
                    + " channel loses what it holds when the agent stops or crashes (a file channel"
                    + " or flumekit's Kafka channel keeps it)",
                false);
        case "file", "jdbc" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.EXACTLY_ONCE,
                what + ": Flume's " + type + " channel keeps what it holds on disk",
                false);
        default -> new FlowGuarantee.Link(what, null, null, false);
      };
    }

    private static FlowGuarantee.Link source(String what, String type, String named) {
      return switch (type) {
        case "exec" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.AT_MOST_ONCE,
                what
                    + ": Flume's exec source keeps no position: what its command writes while the"
                    + " agent is down or the channel refuses is lost",
                false);
        case "netcat", "netcatudp", "syslogudp", "syslogtcp", "multiport_syslogtcp" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.AT_MOST_ONCE,
                what + ": Flume's " + type + " source does not have its senders send again",
                false);
        case "taildir" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.AT_MOST_ONCE,
                what
                    + ": Flume's TAILDIR misses a copytruncate rotation once the file has grown"
                    + " past its old size again (flumekit's TailSource does not)",
                false);
        case "avro",
                "thrift",
                "http",
                "spooldir",
                "jms",
                "seq",
                "org.apache.flume.source.kafka.kafkasource" ->
            new FlowGuarantee.Link(
                what,
                DeliveryLink.AT_LEAST_ONCE,
                what + ": Flume's " + named + " source: a batch the channel refused comes again",
                false);
        default -> new FlowGuarantee.Link(what, null, null, false);
      };
    }

    private static FlowGuarantee.Link sink(
        String what, String type, String named, Context context) {
      if (type.equals("org.apache.flume.sink.kafka.kafkasink")) {
        String acks = context == null ? null : context.getString("kafka.producer.acks");
        if (acks == null || !(acks.trim().equals("all") || acks.trim().equals("-1"))) {
          return new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_MOST_ONCE,
              what
                  + ": Flume's Kafka sink with kafka.producer.acks = "
                  + (acks == null ? "1 (its default)" : acks.trim())
                  + ": a record only its leader had is lost with it",
              false);
        }
      }
      if (type.equals("null")) {
        return new FlowGuarantee.Link(
            what,
            DeliveryLink.AT_MOST_ONCE,
            what + ": Flume's null sink discards every event",
            false);
      }
      if (!FLUME_SINKS.contains(type) && !type.startsWith("org.apache.flume.")) {
        return new FlowGuarantee.Link(what, null, null, false);
      }
      return new FlowGuarantee.Link(
          what,
          DeliveryLink.AT_LEAST_ONCE,
          what
              + ": Flume's "
              + named
              + " sink commits its channel transaction once delivered: a failure delivers the"
              + " batch again",
          false);
    }

    /** Flume's own sinks by alias: each commits its channel transaction once it delivered. */
    private static final Set<String> FLUME_SINKS =
        Set.of(
            "logger",
            "avro",
            "thrift",
            "hdfs",
            "file_roll",
            "hbase",
            "hbase2",
            "asynchbase",
            "irc",
            "http",
            "hive",
            "elasticsearch");

    /** Flume's alias, lower case, for its own classes' names; other classes as they are. */
    static String shortType(String type) {
      String t = type.trim().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "org.apache.flume.channel.memorychannel" -> "memory";
        case "org.apache.flume.channel.file.filechannel" -> "file";
        case "org.apache.flume.channel.jdbc.jdbcchannel" -> "jdbc";
        case "org.apache.flume.channel.spillablememorychannel" -> "spillablememory";
        case "org.apache.flume.source.execsource" -> "exec";
        case "org.apache.flume.source.taildir.taildirsource" -> "taildir";
        case "org.apache.flume.source.netcatsource" -> "netcat";
        case "org.apache.flume.source.netcatudpsource" -> "netcatudp";
        case "org.apache.flume.source.syslogudpsource" -> "syslogudp";
        case "org.apache.flume.source.syslogtcpsource" -> "syslogtcp";
        case "org.apache.flume.source.multiportsyslogtcpsource" -> "multiport_syslogtcp";
        case "org.apache.flume.source.spooldirectorysource" -> "spooldir";
        case "org.apache.flume.source.avrosource" -> "avro";
        case "org.apache.flume.source.thriftsource" -> "thrift";
        case "org.apache.flume.source.http.httpsource" -> "http";
        case "org.apache.flume.sink.nullsink" -> "null";
        case "org.apache.flume.sink.loggersink" -> "logger";
        case "org.apache.flume.sink.rollingfilesink" -> "file_roll";
        default -> t;
      };
    }
  }
}
