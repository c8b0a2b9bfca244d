package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.net.LocalHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {
  private static final Map<String, String> BROKERS = Map.of("kafka.bootstrap.servers", "b1:9092");

  private static KafkaSinkConfig sink(String... keyValues) {
    Map<String, String> p = new java.util.HashMap<>(BROKERS);
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return KafkaSinkConfig.parse("k1", p);
  }

  @Test
  void firstClassKeysThenOverridesLast() {
    Map<String, Object> p =
        ProducerSettings.properties(
            sink(
                "compression", "zstd",
                "lingerMs", "20",
                "kafka.producer.linger.ms", "20",
                "kafka.producer.max.request.size", "2097152",
                "kafka.producer.client.id", "collector"));
    assertEquals("b1:9092", p.get("bootstrap.servers"));
    assertEquals("zstd", p.get("compression.type"));
    assertEquals(20, p.get("linger.ms"));
    assertEquals("2097152", p.get("max.request.size"));
    assertEquals("collector", p.get("client.id"), "an override wins over the writer's default");
    assertFalse(p.containsKey("transactional.id"), "only a transactional writer has one");
  }

  @Test
  void aTransactionalWriterHasItsIdConfiguredOrOnePerWriterAndHost() {
    assertEquals(
        "collector-k1",
        ProducerSettings.properties(
                sink("transactional", "true", "transactionalId", "collector-k1"))
            .get("transactional.id"));
    String id = ProducerSettings.transactionalId(sink("transactional", "true"));
    assertTrue(id.startsWith("flumekit-sink-k1@"), id);
    assertTrue(id.endsWith("@" + LocalHost.name()), id);
    assertEquals(
        id, ProducerSettings.properties(sink("transactional", "true")).get("transactional.id"));
  }

  @Test
  void idempotenceFollowsAcksUnlessSet() {
    assertEquals(true, ProducerSettings.properties(sink()).get("enable.idempotence"));
    assertEquals(false, ProducerSettings.properties(sink("acks", "1")).get("enable.idempotence"));
    assertEquals(
        false, ProducerSettings.properties(sink("idempotence", "false")).get("enable.idempotence"));
  }

  @Test
  void overridesOfOwnedSettingsAndValuesKafkaRefusesAreProblems() {
    List<String> problems = new ArrayList<>();
    ProducerSettings.checkOverrides(
        new java.util.TreeMap<>(
            Map.of(
                "bootstrap.servers", "x:1",
                "transactional.id", "t",
                "retries", "many",
                "max.request.size", "2097152")),
        "kafka.producer.",
        problems::add);
    assertEquals(
        List.of(
            "kafka.producer.bootstrap.servers: set by the sink, not configurable here (use"
                + " kafka.bootstrap.servers)",
            "kafka.producer.transactional.id: set by the sink, not configurable here",
            "kafka.producer.retries = 'many': expected an integer"),
        problems);
  }
}
