package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.agent.AgentFile;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FlumeMetricsCollectorTest {
  private static String scrape(List<ComponentReading> readings, long now) throws Exception {
    Properties p = new Properties();
    p.setProperty("loader.channels", "clicks");
    p.setProperty("loader.sinks", "hbase");
    p.setProperty("loader.channels.clicks.type", "dev.flumekit.kafka.KafkaChannel");
    p.setProperty("loader.sinks.hbase.type", "dev.flumekit.hbase.HBaseSink");
    p.setProperty("loader.sinks.hbase.channel", "clicks");
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new FlumeMetricsCollector(
            new AgentWatch(LiveLayout.fixed(AgentLayout.of("loader", AgentFile.of(p))), 60_000),
            () -> readings,
            () -> now));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyNumberBecomesAMetricLabelledByAgentComponentAndType() throws Exception {
    String text =
        scrape(
            List.of(
                new ComponentReading(
                    "CHANNEL",
                    "clicks",
                    Map.of(
                        "ChannelSize", 42L,
                        "EventPutSuccessCount", 1000L,
                        "PutLatencyTotalMs", 2500L,
                        "StartTime", 1_700_000_000_000L,
                        "StopTime", 0L,
                        "PartitionLag", "course-clicks-0=40 course-clicks-1=2"))),
            1_700_000_100_000L);
    String labels =
        "agent=\"loader\",component=\"clicks\",type=\"dev.flumekit.kafka.KafkaChannel\"";
    assertTrue(text.contains("# TYPE flume_channel_size gauge"), text);
    assertTrue(text.contains("flume_channel_size{" + labels + "} 42.0"), text);
    assertTrue(text.contains("# TYPE flume_channel_event_put_success_total counter"), text);
    assertTrue(text.contains("flume_channel_event_put_success_total{" + labels + "} 1000.0"), text);
    assertTrue(text.contains("flume_channel_put_latency_seconds_total{" + labels + "} 2.5"), text);
    assertTrue(
        text.contains(
            "flume_channel_partition_lag{agent=\"loader\",component=\"clicks\",partition=\"0\","
                + "topic=\"course-clicks\",type=\"dev.flumekit.kafka.KafkaChannel\"} 40.0"),
        text);
    assertTrue(
        text.contains(
            "flume_component_up{agent=\"loader\",component=\"clicks\",kind=\"channel\","
                + "type=\"dev.flumekit.kafka.KafkaChannel\"} 1.0"),
        text);
    // configured but never registered: the sink did not start
    assertTrue(
        text.contains(
            "flume_component_up{agent=\"loader\",component=\"hbase\",kind=\"sink\","
                + "type=\"dev.flumekit.hbase.HBaseSink\"} 0.0"),
        text);
    assertTrue(text.contains("flume_agent_healthy{agent=\"loader\"} 0.0"), text);
  }

  @Test
  void histogramTextBecomesAPrometheusHistogramInSeconds() throws Exception {
    String text =
        scrape(
            List.of(
                new ComponentReading(
                    "SINK",
                    "hbase",
                    Map.of(
                        "SendDurationHistogram", "0.01=2 0.1=5 +Inf=6 sum=1.25",
                        "EventAgeHistogram", "not a histogram"))),
            1_700_000_100_000L);
    String labels = "agent=\"loader\",component=\"hbase\",type=\"dev.flumekit.hbase.HBaseSink\"";
    assertTrue(text.contains("# TYPE flume_sink_send_duration_seconds histogram"), text);
    assertTrue(
        text.contains("flume_sink_send_duration_seconds_bucket{" + labels + ",le=\"0.01\"} 2"),
        text);
    assertTrue(
        text.contains("flume_sink_send_duration_seconds_bucket{" + labels + ",le=\"0.1\"} 5"),
        text);
    assertTrue(
        text.contains("flume_sink_send_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 6"),
        text);
    assertTrue(text.contains("flume_sink_send_duration_seconds_count{" + labels + "} 6"), text);
    assertTrue(text.contains("flume_sink_send_duration_seconds_sum{" + labels + "} 1.25"), text);
    assertFalse(text.contains("event_age"), text);
  }

  @Test
  void unreadBytesAreAGaugePerFile() throws Exception {
    String text =
        scrape(
            List.of(
                new ComponentReading(
                    "SOURCE",
                    "tail",
                    Map.of(
                        "FileUnreadBytes",
                        "120 /var/log/nginx/access.log\n0 /var/log/my app/a b.log\nx /bad\n"))),
            1_700_000_100_000L);
    assertTrue(
        text.contains(
            "flume_source_file_unread_bytes{agent=\"loader\",component=\"tail\","
                + "file=\"/var/log/nginx/access.log\",type=\"unknown\"} 120.0"),
        text);
    assertTrue(text.contains("file=\"/var/log/my app/a b.log\",type=\"unknown\"} 0.0"), text);
    assertFalse(text.contains("/bad"), text);
  }

  @Test
  void aSinksLastDeliveryIsWhenItsDrainCountWasSeenGrowing() throws Exception {
    String text =
        scrape(
            List.of(
                new ComponentReading(
                    "SINK",
                    "hbase",
                    Map.of("EventDrainSuccessCount", 7L, "StartTime", 1L, "StopTime", 0L))),
            1_700_000_000_000L);
    assertTrue(
        text.contains(
            "flume_sink_last_delivery_timestamp_seconds{agent=\"loader\",component=\"hbase\","
                + "type=\"dev.flumekit.hbase.HBaseSink\"} 1.7E9"),
        text);
    assertTrue(
        text.contains(
            "flume_component_stalled{agent=\"loader\",component=\"hbase\",kind=\"sink\","
                + "type=\"dev.flumekit.hbase.HBaseSink\"} 0.0"),
        text);
  }

  @Test
  void groupLagIsAGaugePerGroupTopicAndPartition() throws Exception {
    String text =
        scrape(
            List.of(
                new ComponentReading(
                    "CHANNEL",
                    "clicks",
                    Map.of(
                        "GroupLag",
                        "course-clicks-0=35942 loader\ncourse-clicks-1=3 a group\nbad line\n",
                        "OldestWriteWaitMs",
                        75_000L))),
            1_700_000_100_000L);
    assertTrue(
        text.contains(
            "flume_channel_group_lag{agent=\"loader\",component=\"clicks\",group=\"loader\","
                + "partition=\"0\",topic=\"course-clicks\","
                + "type=\"dev.flumekit.kafka.KafkaChannel\"} 35942.0"),
        text);
    assertTrue(text.contains("group=\"a group\",partition=\"1\""), text);
    assertFalse(text.contains("bad line"), text);
    assertTrue(text.contains("# TYPE flume_channel_oldest_write_wait_seconds gauge"), text);
    assertTrue(
        text.contains(
            "flume_channel_oldest_write_wait_seconds{agent=\"loader\",component=\"clicks\","
                + "type=\"dev.flumekit.kafka.KafkaChannel\"} 75.0"),
        text);
  }
}
