package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/**
 * Each flow of an agent and its guarantee across channels, from components that describe their
 * links ({@link FakeDescription} keys) or are Flume's own, without configuring any.
 */
class FlowLinesTest {
  /** The agent's keys, each prefixed with {@code a1.}. */
  private static Map<String, String> agent(String... keyValues) {
    Map<String, String> properties = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put("a1." + keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  /** The flows of {@code properties}, every listed component running. */
  private static List<String> flows(Map<String, String> properties) {
    Map<ComponentKind, Set<String>> running = new HashMap<>();
    for (ComponentKind kind : ComponentKind.RUNNING) {
      running.put(kind, dev.flumekit.common.agent.AgentFile.components(properties, "a1", kind));
    }
    return flows(properties, running);
  }

  private static List<String> flows(
      Map<String, String> properties, Map<ComponentKind, Set<String>> running) {
    return FlowLines.of(
        "a1",
        properties,
        running,
        (kind, name) -> {
          String prefix = "a1." + kind.list() + "." + name + ".";
          Context context =
              new Context(dev.flumekit.common.agent.AgentFile.under(properties, prefix));
          String type = properties.getOrDefault(prefix + "type", "");
          DeliveryLink component = type.startsWith("fake") ? (FakeDescription) () -> context : null;
          return FlowLines.Described.of(kind, name, type, context, component);
        });
  }

  @Test
  void aChannelWithoutSinksEndsTheFlowAndItsPutSideDecides() {
    // the shipped collector: the tail source into a Kafka channel that the loader takes from
    assertEquals(
        List.of(
            "flow tail -> kafka: at least once (channel kafka: transactional = true: each batch is"
                + " one Kafka transaction; a crash before its commit sends it again)"),
        flows(
            agent(
                "sources", "tail",
                "channels", "kafka",
                "sources.tail.type", "fake-tail",
                "sources.tail.channels", "kafka",
                "sources.tail.fake.guarantee", "exactly-once",
                "sources.tail.fake.reason", "positions committed after the put",
                "channels.kafka.type", "fake-kafka",
                "channels.kafka.fake.guarantee", "at-least-once",
                "channels.kafka.fake.reason",
                    "transactional = true: each batch is one Kafka transaction; a crash before its"
                        + " commit sends it again")));
  }

  @Test
  void aChannelWithoutASourceFlowsFromItsTakeSideAndADeduplicatingSinkMakesItExactlyOnce() {
    // the shipped loader: a Kafka channel's take side to an exactly-once HBase sink
    assertEquals(
        List.of(
            "flow clicks -> hbase: exactly once (sink hbase: counterGuarantee = exactly-once: a"
                + " line counts once by its id; what the links before it send twice counts once)"),
        flows(
            agent(
                "channels", "clicks",
                "sinks", "hbase",
                "channels.clicks.type", "fake-kafka",
                "channels.clicks.fake.guarantee", "at-least-once",
                "channels.clicks.fake.reason", "put side",
                "channels.clicks.fake.takeGuarantee", "at-least-once",
                "channels.clicks.fake.takeReason", "offsets committed after the sink's batch",
                "sinks.hbase.type", "fake-hbase",
                "sinks.hbase.channel", "clicks",
                "sinks.hbase.fake.guarantee", "exactly-once",
                "sinks.hbase.fake.deduplicates", "true",
                "sinks.hbase.fake.reason",
                    "counterGuarantee = exactly-once: a line counts once by its id")));
  }

  @Test
  void theTakeSideIsALinkOnlyOnTheWayToASink() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "ch",
            "sinks", "k1",
            "sources.src.type", "fake-src",
            "sources.src.channels", "ch",
            "sources.src.fake.guarantee", "exactly-once",
            "sources.src.fake.reason", "src",
            "channels.ch.type", "fake-ch",
            "channels.ch.fake.guarantee", "exactly-once",
            "channels.ch.fake.reason", "put",
            "channels.ch.fake.takeGuarantee", "at-most-once",
            "channels.ch.fake.takeReason", "autocommit = true: offsets committed before delivery",
            "sinks.k1.type", "fake-sink",
            "sinks.k1.channel", "ch",
            "sinks.k1.fake.guarantee", "exactly-once",
            "sinks.k1.fake.reason", "sink");
    assertEquals(
        List.of(
            "flow src -> ch -> k1: at most once (channel ch: autocommit = true: offsets committed"
                + " before delivery)"),
        flows(conf));
  }

  @Test
  void anOptionalChannelOfTheSelectorLosesWhatItRefuses() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "disk spare",
            "sources.src.type", "avro",
            "sources.src.channels", "disk spare",
            "sources.src.selector.optional", "spare",
            "channels.disk.type", "file",
            "channels.spare.type", "file");
    assertEquals(
        List.of(
            "flow src -> disk: at least once (source src: Flume's avro source: a batch the channel"
                + " refused comes again)",
            "flow src -> spare: at most once (source src: selector.optional names spare: a put"
                + " into it that fails is dropped)"),
        flows(conf));
  }

  @Test
  void everySinkOfAChannelIsAFlowOfItsOwnInNameOrder() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "disk",
            "sinks", "zeta alpha",
            "sources.src.type", "avro",
            "sources.src.channels", "disk",
            "channels.disk.type", "file",
            "sinks.zeta.type", "logger",
            "sinks.zeta.channel", "disk",
            "sinks.alpha.type", "com.example.MySink",
            "sinks.alpha.channel", "disk");
    assertEquals(
        List.of(
            "flow src -> disk -> alpha: unknown (sink alpha does not say what it guarantees)",
            "flow src -> disk -> zeta: at least once (sink zeta: Flume's logger sink commits its"
                + " channel transaction once delivered: a failure delivers the batch again)"),
        flows(conf));
  }

  @Test
  void aDroppedChannelIsInNoFlow() {
    Map<String, String> conf =
        agent(
            "sources", "src",
            "channels", "mem gone",
            "sinks", "k1 k2",
            "sources.src.type", "avro",
            "sources.src.channels", "mem gone",
            "channels.mem.type", "memory",
            "sinks.k1.type", "null",
            "sinks.k1.channel", "mem",
            "sinks.k2.type", "null",
            "sinks.k2.channel", "gone");
    assertEquals(
        List.of(
            "flow src -> mem -> k1: at most once (channel mem: a memory channel loses what it"
                + " holds when the agent stops or crashes (a file channel or flumekit's Kafka"
                + " channel keeps it))"),
        flows(
            conf,
            Map.of(
                ComponentKind.SOURCE, Set.of("src"),
                ComponentKind.CHANNEL, Set.of("mem"),
                ComponentKind.SINK, Set.of("k1"))));
  }

  @Test
  void aComponentThatDoesNotSayIsTakenAsFlumesOwnOfItsType() {
    Context unsynced = new Context(Map.of("fsyncPerTransaction", "false"));
    FlowLines.Described silent =
        FlowLines.Described.of(
            ComponentKind.CHANNEL, "fc", "file", unsynced, (FakeDescription) Context::new);
    assertEquals(DeliveryLink.AT_MOST_ONCE, silent.link().level());
    assertEquals(
        "channel fc: fsyncPerTransaction = false: what the file channel took is lost if the"
            + " machine goes down before the disk has it",
        silent.link().reason());
    assertEquals(java.util.Optional.empty(), silent.take());
  }
}
