package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static AgentLayout layout() {
    Properties p = new Properties();
    p.setProperty("a1.sources", "r1");
    p.setProperty("a1.channels", "c1");
    p.setProperty("a1.sinks", "k1");
    p.setProperty("a1.sources.r1.type", "seq");
    p.setProperty("a1.channels.c1.type", "memory");
    p.setProperty("a1.sinks.k1.type", "dev.flumekit.kafka.KafkaSink");
    p.setProperty("a1.sinks.k1.channel", "c1");
    return AgentLayout.of("a1", p);
  }

  private static ComponentReading running(String kind, String name, Map<String, Object> more) {
    java.util.HashMap<String, Object> a = new java.util.HashMap<>(more);
    a.put("StartTime", 1_000L);
    a.put("StopTime", 0L);
    return new ComponentReading(kind, name, a);
  }

  private static ComponentReading sink(long drained) {
    return running("SINK", "k1", Map.of("EventDrainSuccessCount", drained));
  }

  private static ComponentReading channel(long size) {
    return running("CHANNEL", "c1", Map.of("ChannelSize", size));
  }

  @Test
  void everyComponentRunningAndDeliveringIsHealthy() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> r = List.of(running("SOURCE", "r1", Map.of()), channel(10), sink(5));
    deliveries.observe(r, 0);
    Health h = Health.of(layout(), r, deliveries, 1_000, 60_000);
    assertTrue(h.ok(), h.json());
    assertEquals("{\"status\":\"ok\",\"components\":3,\"problems\":[]}", h.json());
  }

  @Test
  void aConfiguredComponentThatDidNotStartIsNamed() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> r = List.of(channel(0), sink(0));
    Health h = Health.of(layout(), r, deliveries, 0, 60_000);
    assertFalse(h.ok());
    assertEquals(
        List.of(
            "source r1 (seq) is configured but not running: see the agent's log for why it did"
                + " not start"),
        h.problems());
  }

  @Test
  void aSinkThatDeliversNothingWhileItsChannelHoldsEventsFailsAfterTheTimeout() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> source = List.of(running("SOURCE", "r1", Map.of()));
    deliveries.observe(List.of(sink(100)), 0);
    deliveries.observe(List.of(sink(200)), 10_000);
    List<ComponentReading> stalled = List.of(source.get(0), channel(5_000), sink(200));
    deliveries.observe(stalled, 60_000);
    assertTrue(Health.of(layout(), stalled, deliveries, 69_000, 60_000).ok());
    Health h = Health.of(layout(), stalled, deliveries, 71_000, 60_000);
    assertEquals(
        List.of("sink k1 has delivered nothing for 61 s while channel c1 holds 5000 events"),
        h.problems());
    assertTrue(h.json().startsWith("{\"status\":\"failing\""), h.json());
  }

  @Test
  void anIdleSinkWithAnEmptyChannelIsHealthy() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> idle = List.of(running("SOURCE", "r1", Map.of()), channel(0), sink(0));
    deliveries.observe(idle, 0);
    assertTrue(Health.of(layout(), idle, deliveries, 3_600_000, 60_000).ok());
  }

  @Test
  void aSinkStartedAgainCountsFromItsRestart() {
    DeliveryTracker deliveries = new DeliveryTracker();
    deliveries.observe(List.of(sink(500)), 0);
    deliveries.observe(List.of(sink(3)), 5_000);
    assertEquals(5_000, deliveries.lastDelivery("SINK.k1").getAsLong());
    deliveries.observe(List.of(sink(0)), 6_000);
    assertEquals(0, deliveries.idleMillis("SINK.k1", 6_000).getAsLong());
  }
}
