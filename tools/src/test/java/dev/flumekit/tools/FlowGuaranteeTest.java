package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flume.conf.FlumeConfiguration;
import org.junit.jupiter.api.Test;

class FlowGuaranteeTest {
  private static FlowGuarantee.Link link(String name, String level, boolean deduplicates) {
    return new FlowGuarantee.Link(name, level, name + " says so", deduplicates);
  }

  @Test
  void aLinkThatCanLoseMakesTheFlowAtMostOnceWhateverFollows() {
    FlowGuarantee g =
        FlowGuarantee.of(
            List.of(
                link("source", DeliveryLink.AT_LEAST_ONCE, false),
                link("channel", DeliveryLink.AT_MOST_ONCE, false),
                link("sink", DeliveryLink.EXACTLY_ONCE, true)));
    assertEquals(new FlowGuarantee(FlowGuarantee.AT_MOST_ONCE, "channel says so"), g);
  }

  @Test
  void duplicatesBeforeADeduplicatingLinkAreHarmlessButNotAfterIt() {
    assertEquals(
        new FlowGuarantee(
            FlowGuarantee.EXACTLY_ONCE,
            "sink says so; what the links before it send twice counts once"),
        FlowGuarantee.of(
            List.of(
                link("source", DeliveryLink.AT_LEAST_ONCE, false),
                link("channel", DeliveryLink.EXACTLY_ONCE, false),
                link("sink", DeliveryLink.EXACTLY_ONCE, true))));
    assertEquals(
        new FlowGuarantee(FlowGuarantee.AT_LEAST_ONCE, "source says so"),
        FlowGuarantee.of(
            List.of(
                link("source", DeliveryLink.AT_LEAST_ONCE, false),
                link("channel", DeliveryLink.EXACTLY_ONCE, false))));
    assertEquals(
        new FlowGuarantee(FlowGuarantee.AT_LEAST_ONCE, "sink says so"),
        FlowGuarantee.of(
            List.of(
                link("source", DeliveryLink.AT_LEAST_ONCE, false),
                link("sink", DeliveryLink.AT_LEAST_ONCE, false))),
        "the last link that passes events on twice is the one to change");
  }

  @Test
  void aLinkThatDoesNotSayMakesItUnknown() {
    assertEquals(
        FlowGuarantee.UNKNOWN,
        FlowGuarantee.of(List.of(link("source", null, false), link("sink", "exactly-once", false)))
            .level());
  }

  @Test
  void flumesOwnComponentsBySettingAndClassNameAndOthersAreUnknown() {
    FlowGuarantee.Link unsynced =
        FlumeLinks.link(
            ComponentKind.CHANNEL,
            "fc",
            "file",
            new org.apache.flume.Context(Map.of("fsyncPerTransaction", "false")));
    assertEquals(DeliveryLink.AT_MOST_ONCE, unsynced.level());
    assertEquals(
        DeliveryLink.AT_MOST_ONCE,
        FlumeLinks.link(
                ComponentKind.SOURCE,
                "r",
                "org.apache.flume.source.SyslogUDPSource",
                new org.apache.flume.Context())
            .level());
    assertEquals(
        DeliveryLink.AT_MOST_ONCE,
        FlumeLinks.link(ComponentKind.SINK, "k", "null", new org.apache.flume.Context()).level());
    assertEquals(
        null,
        FlumeLinks.link(
                ComponentKind.SINK, "k", "com.example.MySink", new org.apache.flume.Context())
            .level(),
        "a class check does not know says nothing");
  }

  @Test
  void flumesOwnComponentsAreKnownAndEachFlowIsALine() {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            "a1.sources", "r1 r2",
            "a1.channels", "mem disk",
            "a1.sinks", "k1 k2",
            "a1.sources.r1.type", "exec",
            "a1.sources.r1.command", "tail -F /var/log/x",
            "a1.sources.r1.channels", "mem",
            "a1.sources.r2.type", "avro",
            "a1.sources.r2.bind", "0.0.0.0",
            "a1.sources.r2.port", "4141",
            "a1.sources.r2.channels", "disk"));
    p.putAll(
        Map.of(
            "a1.channels.mem.type", "memory",
            "a1.channels.disk.type", "file",
            "a1.sinks.k1.type", "logger",
            "a1.sinks.k1.channel", "mem",
            "a1.sinks.k2.type", "org.apache.flume.sink.kafka.KafkaSink",
            "a1.sinks.k2.channel", "disk"));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> properties = (Map) p;
    List<String> flows =
        DeliveryFlows.of(
            "a1",
            properties,
            new FlumeConfiguration(properties).getConfigurationFor("a1"),
            Map.of(
                ComponentKind.SOURCE, Set.of("r1", "r2"),
                ComponentKind.CHANNEL, Set.of("mem", "disk"),
                ComponentKind.SINK, Set.of("k1", "k2")));
    assertEquals(
        Set.of(
            "flow r1 -> mem -> k1: at most once (source r1: Flume's exec source keeps no position:"
                + " what its command writes while the agent is down or the channel refuses is"
                + " lost)",
            "flow r2 -> disk -> k2: at most once (sink k2: Flume's Kafka sink with"
                + " kafka.producer.acks = 1 (its default): a record only its leader had is lost"
                + " with it)"),
        Set.copyOf(flows));
  }
}
