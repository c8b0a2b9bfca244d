package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.ComponentKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flume.conf.ConfigurationException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * What Flume drops and how it is folded under its cause, from Flume's log lines as it words them
 * (AbstractConfigurationProvider), without building an agent.
 */
class DroppedComponentsTest {
  private static final String REMOVED = "has been removed due to an error during configuration";

  /** An agent of sources, channels and sinks, with each kind's list taken from its keys. */
  private static Map<String, String> agent(String... keyValues) {
    Map<String, String> properties = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put("a1." + keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  private static Map<ComponentKind, Set<String>> declared(Map<String, String> properties) {
    Map<ComponentKind, Set<String>> declared = new EnumMap<>(ComponentKind.class);
    for (ComponentKind kind : ComponentKind.values()) {
      declared.put(kind, dev.flumekit.common.agent.AgentFile.components(properties, "a1", kind));
    }
    return declared;
  }

  private static Map<ComponentKind, Set<String>> running(
      Set<String> sources, Set<String> channels, Set<String> sinks) {
    return Map.of(
        ComponentKind.SOURCE, sources, ComponentKind.CHANNEL, channels, ComponentKind.SINK, sinks);
  }

  private static CapturedLog.Entry error(String message, Throwable thrown) {
    return new CapturedLog.Entry(
        Level.ERROR, "org.apache.flume.node.AbstractConfigurationProvider", message, thrown);
  }

  private static CapturedLog.Entry warn(String message) {
    return new CapturedLog.Entry(
        Level.WARN, "org.apache.flume.node.AbstractConfigurationProvider", message, null);
  }

  private static List<String> printed(List<AgentCheck.Problem> problems) {
    List<String> lines = new ArrayList<>();
    for (AgentCheck.Problem p : problems) {
      lines.add(p.line());
      p.then().forEach(t -> lines.add("    " + t));
    }
    return lines;
  }

  private static final Map<String, String> SOURCE_CHANNEL_SINK =
      agent(
          "sources", "src",
          "channels", "kafka",
          "sinks", "k1",
          "sources.src.type", "seq",
          "sources.src.channels", "kafka",
          "channels.kafka.type", "dev.flumekit.kafka.KafkaChannel",
          "sinks.k1.type", "null",
          "sinks.k1.channel", "kafka");

  @Test
  void aRefusedChannelIsItsEveryProblemAndWhatFlumeDropsWithItIsFoldedUnder() {
    List<String> lines =
        printed(
            new DroppedComponents(
                    "a1", SOURCE_CHANNEL_SINK, declared(SOURCE_CHANNEL_SINK), SOURCE_CHANNEL_SINK)
                .problems(
                    new ArrayList<>(),
                    running(Set.of(), Set.of(), Set.of()),
                    List.of(
                        error(
                            "Channel kafka " + REMOVED,
                            new ConfigurationException(
                                "Invalid configuration for Kafka channel kafka (2 problems):\n"
                                    + "  - acks = 'maybe': expected one of all, -1, 1, 0\n"
                                    + "  - kafka.topic: required, expected a topic name")),
                        warn("Source src is not connected to a channel"),
                        warn("Sink k1 is not connected to a channel"))));
    assertEquals(
        List.of(
            "channel kafka: acks = 'maybe': expected one of all, -1, 1, 0",
            "    then Flume drops source src too, since it uses kafka",
            "    then Flume drops sink k1 too, since it uses kafka",
            "channel kafka: kafka.topic: required, expected a topic name"),
        lines);
  }

  @Test
  void whatFlumeDropsWithAChannelThatDidNotLoadIsFoldedUnderTheProblemSaidBefore() {
    Map<String, String> loadable = new TreeMap<>(SOURCE_CHANNEL_SINK);
    loadable.remove("a1.channels.kafka.type");
    loadable.remove("a1.channels");
    List<AgentCheck.Problem> before = new ArrayList<>();
    before.add(AgentCheck.Problem.of("a1.source: not a key Flume knows"));
    before.add(AgentCheck.Problem.of("channel kafka: type x does not load"));
    assertEquals(
        List.of(
            "a1.source: not a key Flume knows",
            "channel kafka: type x does not load",
            "    then Flume drops source src too, since it uses kafka",
            "    then Flume drops sink k1 too, since it uses kafka"),
        printed(
            new DroppedComponents(
                    "a1", SOURCE_CHANNEL_SINK, declared(SOURCE_CHANNEL_SINK), loadable)
                .problems(before, running(Set.of(), Set.of(), Set.of()), List.of())));
  }

  @Test
  void aComponentWhoseChannelsAreGoneWithoutAProblemSaidIsNamedOnItsOwn() {
    // the channel's class did not load, but nothing was said of it
    Map<String, String> loadable = new TreeMap<>(SOURCE_CHANNEL_SINK);
    loadable.remove("a1.channels.kafka.type");
    assertEquals(
        List.of(
            "source src: Flume drops it: its channels (kafka) are dropped",
            "sink k1: Flume drops it: its channels (kafka) are dropped"),
        printed(
            new DroppedComponents(
                    "a1", SOURCE_CHANNEL_SINK, declared(SOURCE_CHANNEL_SINK), loadable)
                .problems(new ArrayList<>(), running(Set.of(), Set.of(), Set.of()), List.of())));
  }

  @Test
  void anOrphanChannelASinkWithoutItsChannelAndAnIncompleteOneAreEachNamed() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "mem orphan",
            "sinks", "k1 roll",
            "sources.src.type", "seq",
            "sources.src.channels", "mem",
            "channels.mem.type", "memory",
            "channels.orphan.type", "memory",
            "sinks.k1.type", "dev.flumekit.kafka.KafkaSink",
            "sinks.k1.chanel", "mem",
            "sinks.roll.type", "file_roll",
            "sinks.roll.channel", "mem");
    assertEquals(
        List.of(
            "channel orphan: has no components connected and has been removed.",
            "sink k1: Flume drops it: its configuration is incomplete (see above)",
            "sink roll: sink.directory: required, expected the directory file_roll writes its"
                + " files to (Flume: Directory may not be null)"),
        printed(
            new DroppedComponents("a1", conf, declared(conf), conf)
                .problems(
                    new ArrayList<>(),
                    running(Set.of("src"), Set.of("mem"), Set.of()),
                    List.of(
                        warn("Channel orphan has no components connected and has been removed."),
                        error(
                            "Sink roll " + REMOVED,
                            new IllegalArgumentException("Directory may not be null"))))));
  }

  @Test
  void aSinkOfASinkGroupRunsUnderTheGroupAndIsNotDropped() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "mem",
            "sinks", "k1 k2",
            "sinkgroups", "g",
            "sinkgroups.g.sinks", "k1 k2",
            "sources.src.type", "seq",
            "sources.src.channels", "mem",
            "channels.mem.type", "memory",
            "sinks.k1.type", "null",
            "sinks.k1.channel", "mem",
            "sinks.k2.type", "null",
            "sinks.k2.channel", "mem");
    assertEquals(
        List.of(),
        printed(
            new DroppedComponents("a1", conf, declared(conf), conf)
                .problems(
                    new ArrayList<>(),
                    running(Set.of("src"), Set.of("mem"), Set.of("g")),
                    List.of())));
  }

  @Test
  void infoLinesAndOtherMessagesAreNotReasons() {
    Map<String, String> conf =
        agent("sources", "src", "channels", "mem", "sources.src.type", "seq");
    assertEquals(
        List.of("source src: Flume drops it: its configuration is incomplete (see above)"),
        printed(
            new DroppedComponents("a1", conf, declared(conf), conf)
                .problems(
                    new ArrayList<>(),
                    running(Set.of(), Set.of("mem"), Set.of()),
                    List.of(
                        new CapturedLog.Entry(
                            Level.INFO, "org.apache.flume", "Source src is starting", null),
                        warn("Creating channels")))));
  }
}
