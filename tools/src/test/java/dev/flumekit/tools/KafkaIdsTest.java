package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.net.LocalHost;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaIdsTest {
  @Test
  void theDefaultIdsAreNamedWithTheCollisionTheyRisk() {
    Map<String, String> p =
        Map.of(
            "collector.channels.kafka.type", "dev.flumekit.kafka.KafkaChannel",
            "collector.channels.kafka.transactional", "true",
            "collector.channels.clicks.type", "dev.flumekit.kafka.KafkaChannel",
            "collector.channels.clicks.kafka.consumer.group.id", "loader");
    List<String> notes =
        KafkaIds.notes(
            "collector",
            p,
            Map.of(ComponentKind.CHANNEL, new java.util.TreeSet<>(Set.of("kafka", "clicks"))));
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(
        notes
            .get(0)
            .startsWith(
                "channel clicks: kafka.consumer.group.instance.id defaults to"
                    + " flumekit-channel-collector-clicks-on-"
                    + LocalHost.name()),
        notes.get(0));
    assertTrue(
        notes
            .get(1)
            .startsWith(
                "channel kafka: transactionalId defaults to flumekit-channel-collector-kafka@"
                    + LocalHost.name()
                    + ": every running agent needs its own; two agents named 'collector' on this"
                    + " host, or copies of this host, would fence each other"),
        notes.get(1));
  }

  @Test
  void idsSetByTheOperatorAreTheirsToKeepUnique() {
    Map<String, String> p =
        Map.of(
            "a.sinks.k.type", "dev.flumekit.kafka.KafkaSink",
            "a.sinks.k.transactional", "true",
            "a.sinks.k.transactionalId", "web-07-k");
    assertEquals(List.of(), KafkaIds.notes("a", p, Map.of(ComponentKind.SINK, Set.of("k"))));
  }
}
