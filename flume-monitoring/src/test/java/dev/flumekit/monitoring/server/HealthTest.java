package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.agent.AgentFile;
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
    return AgentLayout.of("a1", AgentFile.of(p));
  }

  private static Health health(
      List<ComponentReading> readings, DeliveryTracker deliveries, long now, long timeout) {
    return health(layout(), readings, deliveries, new SourceProgress(), now, timeout);
  }

  private static Health health(
      AgentLayout layout,
      List<ComponentReading> readings,
      DeliveryTracker deliveries,
      SourceProgress sources,
      long now,
      long timeout) {
    return Health.of(
        new Health.Inputs(layout, readings, deliveries, sources, Long.MIN_VALUE / 2), now, timeout);
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
    Health h = health(r, deliveries, 1_000, 60_000);
    assertTrue(h.ok(), h.json());
    assertEquals("{\"status\":\"ok\",\"components\":3,\"problems\":[]}", h.json());
  }

  @Test
  void aConfiguredComponentThatDidNotStartIsNamed() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> r = List.of(channel(0), sink(0));
    Health h = health(r, deliveries, 0, 60_000);
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
    deliveries.observe(List.of(sink(200), channel(5_000)), 10_000);
    List<ComponentReading> stalled = List.of(source.get(0), channel(5_000), sink(200));
    deliveries.observe(stalled, 60_000);
    assertTrue(health(stalled, deliveries, 69_000, 60_000).ok());
    Health h = health(stalled, deliveries, 71_000, 60_000);
    assertEquals(
        List.of("sink k1 has delivered nothing for 61 s while channel c1 holds 5000 events"),
        h.problems());
    assertTrue(h.json().startsWith("{\"status\":\"failing\""), h.json());
  }

  @Test
  void aBurstAfterAQuietHourIsNotAStall() {
    DeliveryTracker deliveries = new DeliveryTracker();
    deliveries.observe(List.of(sink(100), channel(0)), 0);
    List<ComponentReading> burst =
        List.of(running("SOURCE", "r1", Map.of()), channel(5_000), sink(100));
    deliveries.observe(burst, 3_600_000);
    assertTrue(health(burst, deliveries, 3_601_000, 60_000).ok());
    Health h = health(burst, deliveries, 3_661_000, 60_000);
    assertEquals(
        List.of("sink k1 has delivered nothing for 61 s while channel c1 holds 5000 events"),
        h.problems());
  }

  @Test
  void anIdleSinkWithAnEmptyChannelIsHealthy() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> idle = List.of(running("SOURCE", "r1", Map.of()), channel(0), sink(0));
    deliveries.observe(idle, 0);
    assertTrue(health(idle, deliveries, 3_600_000, 60_000).ok());
  }

  @Test
  void aSinkStartedAgainCountsFromItsRestart() {
    DeliveryTracker deliveries = new DeliveryTracker();
    deliveries.observe(List.of(sink(500)), 0);
    deliveries.observe(List.of(sink(3)), 5_000);
    assertEquals(5_000, deliveries.lastDelivery("SINK.k1").getAsLong());
    deliveries.observe(List.of(sink(0)), 6_000);
    assertEquals(0, deliveries.idleMillis("SINK.k1", "CHANNEL.c1", 6_000).getAsLong());
  }

  @Test
  void aChannelPutWaitingForKafkaLongerThanTheTimeoutIsNamedWithItsCause() {
    DeliveryTracker deliveries = new DeliveryTracker();
    List<ComponentReading> waiting =
        List.of(
            running("SOURCE", "r1", Map.of()),
            running("CHANNEL", "c1", Map.of("ChannelSize", 0L, "OldestWriteWaitMs", 59_000L)),
            sink(0));
    assertTrue(health(waiting, deliveries, 0, 60_000).ok());
    List<ComponentReading> longer =
        List.of(
            running("SOURCE", "r1", Map.of()),
            running("CHANNEL", "c1", Map.of("ChannelSize", 0L, "OldestWriteWaitMs", 61_500L)),
            sink(0));
    Health h = health(longer, deliveries, 0, 60_000);
    assertEquals(
        List.of(
            "channel c1 has waited 61 s for Kafka to acknowledge a put (the oldest waiting;"
                + " timeout 60 s): Kafka is down, unreachable or refusing writes (see the agent's"
                + " log); its sources are blocked meanwhile and their files are read once it is"
                + " back"),
        h.problems());
    assertEquals(java.util.Set.of("CHANNEL.c1"), h.stalled());
  }

  @Test
  void aKafkaSinkBatchWaitingLongerThanTheTimeoutIsOneProblemNotTwo() {
    DeliveryTracker deliveries = new DeliveryTracker();
    deliveries.observe(List.of(sink(10)), 0);
    List<ComponentReading> r =
        List.of(
            running("SOURCE", "r1", Map.of()),
            channel(500),
            running(
                "SINK", "k1", Map.of("EventDrainSuccessCount", 10L, "OldestWriteWaitMs", 70_000L)));
    Health h = health(r, deliveries, 70_000, 60_000);
    assertEquals(1, h.problems().size(), h.json());
    assertTrue(h.problems().get(0).startsWith("sink k1 has waited 70 s for Kafka"), h.json());
    assertEquals(java.util.Set.of("SINK.k1"), h.stalled());
  }

  private static ComponentReading tail(long accepted, String unread) {
    return running(
        "SOURCE", "r1", Map.of("EventAcceptedCount", accepted, "FileUnreadBytes", unread));
  }

  @Test
  void aSourcePuttingNothingWhileItsFilesGrowIsPausedAfterTheTimeout() {
    SourceProgress sources = new SourceProgress();
    sources.observe(List.of(tail(100, "40 /var/log/a.log\n")), 0);
    List<ComponentReading> grown =
        List.of(tail(100, "3300000 /var/log/a.log\n"), channel(0), sink(0));
    sources.observe(grown, 1_000);
    assertTrue(health(layout(), grown, new DeliveryTracker(), sources, 60_000, 60_000).ok());
    Health h = health(layout(), grown, new DeliveryTracker(), sources, 62_000, 60_000);
    assertEquals(
        List.of(
            "source r1 has put nothing into its channel for 61 s while its files hold 3300000"
                + " unread bytes: its channel refuses or blocks its puts (see the channel's"
                + " problem and the agent's log)"),
        h.problems());
    assertEquals(java.util.Set.of("SOURCE.r1"), h.stalled());
  }

  @Test
  void linesArrivingAfterAQuietHourAreNotAnHoursPause() {
    SourceProgress sources = new SourceProgress();
    sources.observe(List.of(tail(100, "0 /var/log/a.log\n")), 0);
    List<ComponentReading> burst =
        List.of(tail(100, "500000 /var/log/a.log\n"), channel(0), sink(0));
    sources.observe(burst, 3_600_000);
    assertTrue(health(layout(), burst, new DeliveryTracker(), sources, 3_601_000, 60_000).ok());
  }

  @Test
  void aLastLineWithoutItsEndIsNotAPause() {
    SourceProgress sources = new SourceProgress();
    List<ComponentReading> partial = List.of(tail(100, "17 /var/log/a.log\n"), channel(0), sink(0));
    sources.observe(partial, 0);
    assertTrue(health(layout(), partial, new DeliveryTracker(), sources, 3_600_000, 60_000).ok());
  }

  @Test
  void aSourceThatPutsAgainIsNoLongerPaused() {
    SourceProgress sources = new SourceProgress();
    sources.observe(List.of(tail(100, "0 /var/log/a.log\n")), 0);
    sources.observe(List.of(tail(100, "900 /var/log/a.log\n")), 50_000);
    List<ComponentReading> moving =
        List.of(tail(180, "1000 /var/log/a.log\n"), channel(0), sink(0));
    sources.observe(moving, 90_000);
    assertTrue(health(layout(), moving, new DeliveryTracker(), sources, 91_000, 60_000).ok());
  }

  @Test
  void componentsAddedByAnAppliedReloadHaveTimeToStart() {
    Properties p = new Properties();
    p.setProperty("a1.sources", "r1 r2");
    p.setProperty("a1.sources.r1.type", "seq");
    p.setProperty("a1.sources.r2.type", "seq");
    AgentLayout reloaded = AgentLayout.of("a1", AgentFile.of(p));
    List<ComponentReading> r = List.of(running("SOURCE", "r1", Map.of()));
    Health.Inputs starting =
        new Health.Inputs(reloaded, r, new DeliveryTracker(), new SourceProgress(), 100_000);
    assertTrue(Health.of(starting, 110_000, 60_000).ok());
    assertEquals(
        List.of(
            "source r2 (seq) is configured but not running: see the agent's log for why it did"
                + " not start"),
        Health.of(starting, 131_000, 60_000).problems());
  }
}
