package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricNamingTest {
  @Test
  void countersLoseTheirCountSuffixForTheTextFormatsTotal() {
    MetricNaming.Metric m = MetricNaming.of("SINK", "EventDrainSuccessCount");
    assertEquals("flume_sink_event_drain_success", m.name());
    assertTrue(m.counter());
    assertEquals(1, m.scale());
  }

  @Test
  void aKindIsNotSaidTwice() {
    assertEquals("flume_channel_size", MetricNaming.of("CHANNEL", "ChannelSize").name());
    assertFalse(MetricNaming.of("CHANNEL", "ChannelSize").counter());
    assertEquals(
        "flume_channel_fill_percentage",
        MetricNaming.of("CHANNEL", "ChannelFillPercentage").name());
    assertEquals("flume_source_channel_full", MetricNaming.of("SOURCE", "ChannelFullCount").name());
  }

  @Test
  void millisecondsBecomeSeconds() {
    MetricNaming.Metric total = MetricNaming.of("SINK", "SendLatencyTotalMs");
    assertEquals("flume_sink_send_latency_seconds", total.name());
    assertTrue(total.counter());
    assertEquals(0.001, total.scale());
    MetricNaming.Metric max = MetricNaming.of("CHANNEL", "PutLatencyMaxMs");
    assertEquals("flume_channel_put_latency_max_seconds", max.name());
    assertFalse(max.counter());
    MetricNaming.Metric timer = MetricNaming.of("SOURCE", "KafkaEventGetTimer");
    assertEquals("flume_source_kafka_event_get_seconds", timer.name());
    assertTrue(timer.counter());
    MetricNaming.Metric start = MetricNaming.of("SINK", "StartTime");
    assertEquals("flume_sink_start_time_seconds", start.name());
    assertFalse(start.counter());
    assertEquals(0.001, start.scale());
  }

  @Test
  void failuresWithoutCountSuffixAreCountersToo() {
    assertTrue(MetricNaming.of("SOURCE", "ChannelWriteFail").counter());
    assertEquals(
        "flume_source_channel_write_fail", MetricNaming.of("SOURCE", "ChannelWriteFail").name());
    assertFalse(MetricNaming.of("SOURCE", "ReadingPaused").counter());
    assertFalse(MetricNaming.of("SOURCE", "OpenConnectionCount").counter());
  }

  @Test
  void namesPromtoolRemarksOnAreRenamed() {
    // promtool: non-histogram and non-summary metrics should not have "_count" suffix
    assertEquals(
        "flume_source_open_connections", MetricNaming.of("SOURCE", "OpenConnectionCount").name());
    assertEquals(
        "flume_channel_oldest_write_wait_seconds",
        MetricNaming.of("CHANNEL", "OldestWriteWaitMs").name());
    assertFalse(MetricNaming.of("CHANNEL", "OldestWriteWaitMs").counter());
    // promtool: metric name should not include type 'counter'
    assertEquals("flume_sink_row_conflicts", MetricNaming.of("SINK", "CounterConflicts").name());
    assertEquals("flume_sink_row_state_reads", MetricNaming.of("SINK", "CounterStateReads").name());
  }

  @Test
  void snakeCaseKeepsAcronymsTogether() {
    assertEquals("event_drain_success_count", MetricNaming.snake("EventDrainSuccessCount"));
    assertEquals("hdfs_errors", MetricNaming.snake("HDFSErrors"));
    assertEquals("channel_kafka_put_bytes", MetricNaming.snake("channel.kafka.put.bytes"));
  }
}
