package dev.flumekit.tools.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  @Test
  void readsSamplesWithLabelsAndSkipsCommentsAndNoise() {
    List<PrometheusText.Sample> samples =
        PrometheusText.parse(
            "# HELP flume_channel_size Channel ChannelSize\n"
                + "# TYPE flume_channel_size gauge\n"
                + "flume_channel_size{agent=\"a1\",component=\"c1\",type=\"memory\"} 12.0\n"
                + "\n"
                + "jvm_threads_current 31\n"
                + "flume_x{file=\"/var/log/a \\\"b\\\", c\"} 1.5e3 1700000000000\n"
                + "not a sample\n"
                + "flume_y{broken=\"x} 1\n");
    assertEquals(3, samples.size(), samples.toString());
    assertEquals(
        new PrometheusText.Sample(
            "flume_channel_size", Map.of("agent", "a1", "component", "c1", "type", "memory"), 12),
        samples.get(0));
    assertEquals(new PrometheusText.Sample("jvm_threads_current", Map.of(), 31), samples.get(1));
    assertEquals("/var/log/a \"b\", c", samples.get(2).label("file"));
    assertEquals(1500, samples.get(2).value());
  }

  @Test
  void infinitiesAndNaNAreValues() {
    assertEquals(
        Double.POSITIVE_INFINITY, PrometheusText.sample("h_bucket{le=\"+Inf\"} +Inf").value());
    assertEquals(Double.NaN, PrometheusText.sample("g NaN").value());
    assertNull(PrometheusText.sample("g twelve"));
  }
}
