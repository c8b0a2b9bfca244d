package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end delivery guarantee of each flow of an agent (a source, its channel and what takes
 * from it), derived from the settings alone, with the setting that limits it: what loses events (a
 * memory channel, acks below all, a source that keeps no position), and what keeps copies (a flow
 * that ends anywhere but a sink that counts each line id once). A flow that starts at a Kafka topic
 * (the loader) cannot see the writer's settings: its line ids are taken as given.
 */
final class DeliveryGuarantees {
  /** The guarantees, weakest first. */
  enum Level {
    AT_MOST_ONCE("at most once"),
    AT_LEAST_ONCE("at least once"),
    EXACTLY_ONCE("exactly once");

    final String words;

    Level(String words) {
      this.words = words;
    }
  }

  private static final String TAIL = "dev.flumekit.source.TailSource";
  private static final String KAFKA_CHANNEL = "dev.flumekit.kafka.KafkaChannel";
  private static final String KAFKA_SINK = "dev.flumekit.kafka.KafkaSink";
  private static final String KAFKA_SOURCE = "dev.flumekit.kafka.KafkaSource";
  private static final String HBASE_SINK = "dev.flumekit.hbase.HBaseSink";
  private static final Set<String> MEMORY =
      Set.of("memory", "org.apache.flume.channel.MemoryChannel");
  private static final Set<String> FILE =
      Set.of("file", "org.apache.flume.channel.file.FileChannel");
  private static final Set<String> REPLAYING_SOURCES =
      Set.of("TAILDIR", "taildir", "spooldir", "org.apache.flume.source.taildir.TaildirSource");
  private static final Set<String> FORGETFUL_SOURCES =
      Set.of("exec", "netcat", "syslogtcp", "syslogudp", "multiport_syslogtcp");

  private DeliveryGuarantees() {}

  /** What a hop does to the guarantee: the level it allows and the setting that says so. */
  private record Limit(Level level, String because) {}

  /**
   * A line for each flow of the components Flume would start: {@code flow: tail -> kafka (Kafka
   * access-logs): at least once, limited by ...}.
   *
   * @param running the components by kind ({@code sources}, {@code channels}, {@code sinks})
   */
  static List<String> flows(
      String agent, Map<String, String> properties, Map<String, Set<String>> running) {
    List<String> flows = new ArrayList<>();
    Set<String> fed = new LinkedHashSet<>();
    for (String source : running.getOrDefault("sources", Set.of())) {
      for (String channel : list(properties, agent + ".sources." + source + ".channels")) {
        if (running.getOrDefault("channels", Set.of()).contains(channel)) {
          fed.add(channel);
          flows.addAll(flowsThrough(agent, properties, running, source, channel));
        }
      }
    }
    // a Kafka channel no source feeds reads what another agent wrote (the loader)
    for (String channel : running.getOrDefault("channels", Set.of())) {
      if (!fed.contains(channel)
          && KAFKA_CHANNEL.equals(type(properties, agent, "channels", channel))) {
        flows.addAll(flowsThrough(agent, properties, running, null, channel));
      }
    }
    return flows;
  }

  private static List<String> flowsThrough(
      String agent,
      Map<String, String> properties,
      Map<String, Set<String>> running,
      String source,
      String channel) {
    List<String> flows = new ArrayList<>();
    List<Limit> limits = new ArrayList<>();
    String from;
    if (source != null) {
      limits.add(source(agent, properties, source));
      from = source + " -> " + channel;
    } else {
      limits.add(
          new Limit(
              Level.EXACTLY_ONCE,
              "channel " + channel + " reads Kafka: its records' line ids are the writer's"));
      from =
          "(Kafka "
              + value(properties, agent, "channels", channel, "kafka.topic", "?")
              + ") -> "
              + channel;
    }
    if (source != null) {
      limits.add(channel(agent, properties, channel)); // a channel only put into loses or keeps
    }
    List<String> sinks = new ArrayList<>();
    for (String sink : running.getOrDefault("sinks", Set.of())) {
      if (channel.equals(value(properties, agent, "sinks", sink, "channel", null))) {
        sinks.add(sink);
      }
    }
    for (String sink : sinksInGroups(agent, properties)) {
      if (!sinks.contains(sink)
          && channel.equals(value(properties, agent, "sinks", sink, "channel", null))) {
        sinks.add(sink);
      }
    }
    if (sinks.isEmpty()) {
      if (KAFKA_CHANNEL.equals(type(properties, agent, "channels", channel)) && source != null) {
        List<Limit> all = new ArrayList<>(limits);
        all.add(endsInKafka(agent, properties, "channels", channel, source));
        flows.add(
            line(
                from
                    + " (Kafka "
                    + value(properties, agent, "channels", channel, "kafka.topic", "?")
                    + ")",
                all));
      }
      return flows;
    }
    for (String sink : sinks) {
      List<Limit> all = new ArrayList<>(limits);
      all.add(sink(agent, properties, sink, source));
      flows.add(line(from + " -> " + sink, all));
    }
    return flows;
  }

  private static Limit source(String agent, Map<String, String> properties, String source) {
    String type = type(properties, agent, "sources", source);
    String what = "source " + source;
    if (TAIL.equals(type)) {
      return value(properties, agent, "sources", source, "lineIdHeader", null) == null
          ? new Limit(
              Level.AT_LEAST_ONCE,
              what
                  + ": lineIdHeader unset, so a line read again after a crash cannot be told from"
                  + " a new one")
          : new Limit(Level.EXACTLY_ONCE, what + ": lines keep their ids when read again");
    }
    if (KAFKA_SOURCE.equals(type)) {
      return new Limit(
          Level.EXACTLY_ONCE, what + " reads Kafka: its records' line ids are the writer's");
    }
    if (REPLAYING_SOURCES.contains(type)) {
      return new Limit(
          Level.AT_LEAST_ONCE,
          what + " (" + type + "): a line read again after a crash cannot be told from a new one");
    }
    if (FORGETFUL_SOURCES.contains(type)) {
      return new Limit(
          Level.AT_MOST_ONCE,
          what + " (" + type + "): keeps no position, so what arrives while it is down is lost");
    }
    return new Limit(
        Level.AT_LEAST_ONCE,
        what
            + " ("
            + type
            + "): a type whose guarantee check does not know, taken as at least once");
  }

  private static Limit channel(String agent, Map<String, String> properties, String channel) {
    String type = type(properties, agent, "channels", channel);
    String what = "channel " + channel;
    if (MEMORY.contains(type)) {
      return new Limit(
          Level.AT_MOST_ONCE,
          what + ": type = memory, so the events it holds are lost when the agent dies");
    }
    if (KAFKA_CHANNEL.equals(type)) {
      return acks(agent, properties, "channels", channel);
    }
    if (FILE.contains(type)) {
      return new Limit(Level.EXACTLY_ONCE, what + ": a file channel keeps what it holds");
    }
    return new Limit(
        Level.AT_LEAST_ONCE,
        what
            + " ("
            + type
            + "): a type whose guarantee check does not know, taken as at least once");
  }

  private static Limit sink(
      String agent, Map<String, String> properties, String sink, String source) {
    String type = type(properties, agent, "sinks", sink);
    String what = "sink " + sink;
    if (HBASE_SINK.equals(type)) {
      String guarantee =
          value(properties, agent, "sinks", sink, "counterGuarantee", "at-least-once");
      return guarantee.equals("exactly-once")
          ? new Limit(Level.EXACTLY_ONCE, what + ": counterGuarantee = exactly-once")
          : new Limit(
              Level.AT_LEAST_ONCE,
              what
                  + ": counterGuarantee = "
                  + guarantee
                  + ", so a batch written again after a failure is counted again");
    }
    if (KAFKA_SINK.equals(type)) {
      Limit acks = acks(agent, properties, "sinks", sink);
      return acks.level() == Level.AT_MOST_ONCE
          ? acks
          : endsInKafka(agent, properties, "sinks", sink, source);
    }
    return new Limit(
        Level.AT_LEAST_ONCE,
        what + " (" + type + "): keeps what is written to it again after a failure twice");
  }

  private static Limit acks(
      String agent, Map<String, String> properties, String kind, String name) {
    String acks = value(properties, agent, kind, name, "acks", null);
    if (acks == null) {
      acks = value(properties, agent, kind, name, "kafka.producer.acks", "all");
    }
    String what = kind.substring(0, kind.length() - 1) + " " + name;
    return switch (acks) {
      case "0" -> new Limit(Level.AT_MOST_ONCE, what + ": acks = 0, so records are not confirmed");
      case "1" ->
          new Limit(
              Level.AT_MOST_ONCE,
              what + ": acks = 1, so a record only the partition leader had is lost with it");
      default -> new Limit(Level.EXACTLY_ONCE, what + ": acks = " + acks);
    };
  }

  /** A flow that ends in a Kafka topic: a batch sent again after a crash is stored again. */
  private static Limit endsInKafka(
      String agent, Map<String, String> properties, String kind, String name, String source) {
    String what = kind.substring(0, kind.length() - 1) + " " + name;
    boolean transactional =
        "true".equals(value(properties, agent, kind, name, "transactional", "false"));
    boolean ids =
        source != null && value(properties, agent, "sources", source, "lineIdHeader", null) != null;
    return new Limit(
        Level.AT_LEAST_ONCE,
        what
            + ": ends in Kafka, where a batch sent again after a crash is stored again"
            + (transactional ? "" : " (and, with transactional = false, a part of a failed batch)")
            + (ids ? "; its line ids let the reader count each line once" : ""));
  }

  /** The flow's line: its guarantee, the weakest of its hops', and the hops that set it. */
  private static String line(String flow, List<Limit> limits) {
    Level level = Level.EXACTLY_ONCE;
    for (Limit limit : limits) {
      if (limit.level().compareTo(level) < 0) {
        level = limit.level();
      }
    }
    List<String> because = new ArrayList<>();
    for (Limit limit : limits) {
      if (limit.level() == level) {
        because.add(limit.because());
      }
    }
    return "flow: "
        + flow
        + ": "
        + level.words
        + (level == Level.EXACTLY_ONCE ? " (" : ", limited by ")
        + String.join("; ", because)
        + (level == Level.EXACTLY_ONCE ? ")" : "");
  }

  private static Set<String> sinksInGroups(String agent, Map<String, String> properties) {
    Set<String> sinks = new LinkedHashSet<>();
    for (String group : list(properties, agent + ".sinkgroups")) {
      sinks.addAll(list(properties, agent + ".sinkgroups." + group + ".sinks"));
    }
    return sinks;
  }

  private static String type(
      Map<String, String> properties, String agent, String kind, String name) {
    return value(properties, agent, kind, name, "type", "?");
  }

  private static String value(
      Map<String, String> properties,
      String agent,
      String kind,
      String name,
      String key,
      String otherwise) {
    String value = properties.get(agent + "." + kind + "." + name + "." + key);
    return value == null || value.isBlank() ? otherwise : value.trim();
  }

  private static List<String> list(Map<String, String> properties, String key) {
    String value = properties.getOrDefault(key, "").trim();
    return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
  }
}
