package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.net.LocalHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
  @Test
  void aStaticMemberIdByDefaultNamesComponentAndHostInTheCharactersKafkaAllows() {
    String id = ConsumerSettings.groupInstanceId(null, "channel", "clicks @1", Map.of());
    assertTrue(id.startsWith("flumekit-channel-clicks__1-on-"), id);
    assertTrue(id.matches("[A-Za-z0-9._-]+"), id);
    assertTrue(id.endsWith(LocalHost.name().replaceAll("[^A-Za-z0-9._-]", "_")), id);
  }

  @Test
  void noneAndTheConsumerProtocolMeanDynamicMembership() {
    assertNull(ConsumerSettings.groupInstanceId("none", "source", "r1", Map.of()));
    assertNull(
        ConsumerSettings.groupInstanceId(
            null, "source", "r1", Map.of("group.protocol", "consumer")));
    assertEquals(
        "loader-1",
        ConsumerSettings.groupInstanceId(
            "loader-1", "source", "r1", Map.of("group.protocol", "consumer")));
  }

  @Test
  void theConsumerProtocolGetsNoClientSideAssignor() {
    Map<String, Object> classic =
        ConsumerSettings.properties(List.of("b:9092"), "g", "i", 500, "c", Map.of());
    assertEquals("i", classic.get("group.instance.id"));
    assertTrue(classic.containsKey("partition.assignment.strategy"));
    Map<String, Object> consumer =
        ConsumerSettings.properties(
            List.of("b:9092"), "g", null, 500, "c", Map.of("group.protocol", "consumer"));
    assertFalse(consumer.containsKey("partition.assignment.strategy"));
    assertFalse(consumer.containsKey("group.instance.id"));
  }
}
