package dev.flumekit.tools.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentRowTest {
  static final String AT_0 =
      """
      flume_source_event_received_total{agent="a1",component="r1",type="TAIL"} 1000.0
      flume_source_event_accepted_total{agent="a1",component="r1",type="TAIL"} 990.0
      flume_source_channel_write_fail_total{agent="a1",component="r1",type="TAIL"} 1.0
      flume_channel_event_put_success_total{agent="a1",component="c1",type="dev.flumekit.kafka.KafkaChannel"} 990.0
      flume_channel_event_take_success_total{agent="a1",component="c1",type="dev.flumekit.kafka.KafkaChannel"} 900.0
      flume_channel_size{agent="a1",component="c1",type="dev.flumekit.kafka.KafkaChannel"} 90.0
      flume_channel_capacity{agent="a1",component="c1",type="dev.flumekit.kafka.KafkaChannel"} 1000.0
      flume_channel_partition_lag{agent="a1",component="c1",partition="0",topic="t",type="dev.flumekit.kafka.KafkaChannel"} 40.0
      flume_channel_partition_lag{agent="a1",component="c1",partition="1",topic="t",type="dev.flumekit.kafka.KafkaChannel"} 50.0
      flume_sink_event_drain_attempt_total{agent="a1",component="k1",type="dev.flumekit.kafka.KafkaSink"} 900.0
      flume_sink_event_drain_success_total{agent="a1",component="k1",type="dev.flumekit.kafka.KafkaSink"} 895.0
      flume_sink_dead_letter_total{agent="a1",component="k1",type="dev.flumekit.kafka.KafkaSink"} 5.0
      flume_sink_rollback_total{agent="a1",component="k1",type="dev.flumekit.kafka.KafkaSink"} 2.0
      flume_sink_send_duration_seconds_bucket{agent="a1",component="k1",le="0.001",type="dev.flumekit.kafka.KafkaSink"} 7.0
      flume_component_up{agent="a1",component="k1",kind="sink",type="dev.flumekit.kafka.KafkaSink"} 1.0
      flume_component_up{agent="a1",component="c1",kind="channel",type="dev.flumekit.kafka.KafkaChannel"} 1.0
      flume_component_up{agent="a1",component="r1",kind="source",type="TAIL"} 0.0
      flume_agent_healthy{agent="a1"} 1.0
      """;

  static AgentScrape scrape(String page, long seconds) {
    return AgentScrape.of(PrometheusText.parse(page), seconds * 1_000_000_000L);
  }

  @Test
  void ratesAreCounterDifferencesPerSecondBetweenTwoReadings() {
    String at2 =
        AT_0.replace("} 1000.0\n", "} 3000.0\n")
            .replace(
                "accepted_total{agent=\"a1\",component=\"r1\",type=\"TAIL\"} 990.0",
                "accepted_total{agent=\"a1\",component=\"r1\",type=\"TAIL\"} 2990.0")
            .replace(
                "drain_success_total{agent=\"a1\",component=\"k1\",type=\"dev.flumekit.kafka.KafkaSink\"} 895.0",
                "drain_success_total{agent=\"a1\",component=\"k1\",type=\"dev.flumekit.kafka.KafkaSink\"} 1895.0");
    List<ComponentRow> rows = ComponentRow.between(scrape(AT_0, 10), scrape(at2, 12));
    assertEquals(List.of("r1", "c1", "k1"), rows.stream().map(ComponentRow::name).toList());
    ComponentRow source = rows.get(0);
    assertEquals(1000.0, source.in());
    assertEquals(1000.0, source.out());
    assertFalse(source.up());
    assertEquals(1.0, source.errors());
    ComponentRow channel = rows.get(1);
    assertEquals(0.0, channel.in());
    assertEquals(90.0, channel.size());
    assertEquals(3000.0, channel.capacity(), "as of the later reading");
    assertEquals(90.0, channel.lag(), "summed over partitions");
    assertNull(channel.deadLetters());
    ComponentRow sink = rows.get(2);
    assertEquals(0.0, sink.in());
    assertEquals(500.0, sink.out());
    assertEquals(5.0, sink.deadLetters());
    assertEquals(2.0, sink.errors());
    assertEquals("a1", scrape(at2, 12).agent());
  }

  @Test
  void aFirstReadingHasNoRatesAndARestartCountsFromZero() {
    List<ComponentRow> first = ComponentRow.between(null, scrape(AT_0, 10));
    assertNull(first.get(0).in());
    String restarted = AT_0.replace("} 1000.0\n", "} 40.0\n");
    List<ComponentRow> rows = ComponentRow.between(scrape(AT_0, 10), scrape(restarted, 12));
    assertEquals(20.0, rows.get(0).in());
  }
}
