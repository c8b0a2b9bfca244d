package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {
  private static List<ComponentReading> readings(long drained, long repeated, long held) {
    return List.of(
        new ComponentReading(
            "SINK",
            "hbase",
            Map.of("EventDrainSuccessCount", drained, "EventDrainRepeatCount", repeated)),
        new ComponentReading("CHANNEL", "clicks", Map.of("ChannelSize", held)));
  }

  /**
   * A loader replaying a rewound backlog that HBase counted already delivers nothing new, but it
   * makes progress: it is not stalled.
   */
  @Test
  void aSinkReplayingWhatItDeliveredBeforeMakesProgress() {
    DeliveryTracker tracker = new DeliveryTracker();
    tracker.observe(readings(100, 0, 5_000), 0);
    tracker.observe(readings(100, 2_000, 5_000), 30_000);
    tracker.observe(readings(100, 4_000, 5_000), 60_000);
    assertEquals(0, tracker.idleMillis("SINK.hbase", "CHANNEL.clicks", 60_000).getAsLong());
    tracker.observe(readings(100, 4_000, 5_000), 90_000);
    assertEquals(30_000, tracker.idleMillis("SINK.hbase", "CHANNEL.clicks", 90_000).getAsLong());
  }
}
