package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryGuaranteesTest {
  private static final Map<String, Set<String>> RUNNING =
      Map.of("sources", Set.of("tail"), "channels", Set.of("c"), "sinks", Set.of("hb"));

  private static Map<String, String> tailToHBase(String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("a1.sources.tail.type", "dev.flumekit.source.TailSource");
    p.put("a1.sources.tail.channels", "c");
    p.put("a1.sources.tail.lineIdHeader", "lineId");
    p.put("a1.channels.c.type", "file");
    p.put("a1.sinks.hb.type", "dev.flumekit.hbase.HBaseSink");
    p.put("a1.sinks.hb.channel", "c");
    p.put("a1.sinks.hb.counterGuarantee", "exactly-once");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void lineIdsADurableChannelAndExactlyOnceCountsAreExactlyOnce() {
    assertEquals(
        List.of(
            "flow: tail -> c -> hb: exactly once (source tail: lines keep their ids when read"
                + " again; channel c: a file channel keeps what it holds; sink hb: counterGuarantee"
                + " = exactly-once)"),
        DeliveryGuarantees.flows("a1", tailToHBase(), RUNNING));
  }

  @Test
  void theWeakestHopLimitsTheFlowAndIsNamed() {
    assertEquals(
        List.of(
            "flow: tail -> c -> hb: at most once, limited by channel c: type = memory, so the"
                + " events it holds are lost when the agent dies"),
        DeliveryGuarantees.flows("a1", tailToHBase("a1.channels.c.type", "memory"), RUNNING));
    assertEquals(
        List.of(
            "flow: tail -> c -> hb: at least once, limited by sink hb: counterGuarantee ="
                + " at-least-once, so a batch written again after a failure is counted again"),
        DeliveryGuarantees.flows(
            "a1", tailToHBase("a1.sinks.hb.counterGuarantee", "at-least-once"), RUNNING));
  }

  @Test
  void aKafkaChannelWithoutASinkEndsInKafkaAndAcksOneLoses() {
    Map<String, String> p = tailToHBase("a1.channels.c.type", "dev.flumekit.kafka.KafkaChannel");
    p.put("a1.channels.c.kafka.topic", "logs");
    p.put("a1.channels.c.acks", "1");
    p.keySet().removeIf(k -> k.startsWith("a1.sinks."));
    assertEquals(
        List.of(
            "flow: tail -> c (Kafka logs): at most once, limited by channel c: acks = 1, so a"
                + " record only the partition leader had is lost with it"),
        DeliveryGuarantees.flows(
            "a1", p, Map.of("sources", Set.of("tail"), "channels", Set.of("c"))));
  }
}
