package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTapTest {
  @Test
  void readsAsTheComponentsClientButInNoGroupAndCommitsNothing() {
    Map<String, Object> consumer =
        Map.of(
            "bootstrap.servers", "b1:9092",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "group.id", "loader",
            "group.instance.id", "loader-on-h1",
            "enable.auto.commit", false,
            "max.poll.records", 1000,
            "client.id", "flumekit-kafka-take");
    Map<String, Object> tap = RecordTap.consumerProperties(consumer);
    assertEquals("b1:9092", tap.get("bootstrap.servers"));
    assertEquals("SASL_SSL", tap.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", tap.get("sasl.mechanism"));
    assertFalse(tap.containsKey("group.id"), "joins no group: " + tap);
    assertFalse(tap.containsKey("group.instance.id"), tap.toString());
    assertEquals(false, tap.get("enable.auto.commit"));
    assertEquals("latest", tap.get("auto.offset.reset"));
    assertEquals("read_committed", tap.get("isolation.level"));
    assertEquals("flumekit-kafka-take-tap", tap.get("client.id"));
  }
}
