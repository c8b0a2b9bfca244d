package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagMonitorTest {
  private static ConsumerGroupLag.Lag lag(String group, long records) {
    return new ConsumerGroupLag.Lag(group, new TopicPartition("course-clicks", 0), records);
  }

  @Test
  void aNamedGroupWithoutAMeasuredLagIsUnreported() {
    assertEquals(
        List.of("loader"),
        GroupLagMonitor.unreported(List.of("loader", "audit"), List.of(lag("audit", 0))));
  }

  @Test
  void aNamedGroupMeasuredOnAnyPartitionIsReported() {
    assertEquals(
        List.of(),
        GroupLagMonitor.unreported(
            List.of("loader"), List.of(lag("loader", 0), lag("loader", 12))));
    assertEquals(List.of(), GroupLagMonitor.unreported(List.of(), List.of()));
  }
}
