package dev.flumekit.demo;

import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.PrometheusText;
import java.util.Locale;

/**
 * One line a second: what each stage did since the last line, from the agents' Prometheus
 * monitoring.
 */
final class Progress {
  private final FlumeMetrics collector;
  private final FlumeMetrics loader;
  private long lastNanos = System.nanoTime();
  private long lastWritten;
  private long lastCollectorIn;
  private long lastToKafka;
  private long lastLoaderIn;
  private long lastToHBase;

  Progress(FlumeMetrics collector, FlumeMetrics loader) {
    this.collector = collector;
    this.loader = loader;
  }

  private static long count(String text, String metric, String component) {
    return (long) PrometheusText.value(text, metric, "component=\"" + component + "\"").orElse(0);
  }

  void print(long startNanos, long written) throws InterruptedException {
    String c = collector.fetch();
    String l = loader.fetch();
    long now = System.nanoTime();
    double secs = Math.max(1e-3, (now - lastNanos) / 1e9);
    long collectorIn = count(c, "flume_source_event_accepted_total", "tail");
    long toKafka = count(c, "flume_channel_event_put_success_total", "kafka");
    long loaderIn = count(l, "flume_channel_event_take_success_total", "clicks");
    long toHBase = count(l, "flume_sink_event_drain_success_total", "hbase");
    System.out.printf(
        Locale.ROOT,
        "%6.0fs | %11.0f | %15.0f %9.0f %7d %5d | %12.0f %5d %10.0f %5d %5d%n",
        (now - startNanos) / 1e9,
        (written - lastWritten) / secs,
        (collectorIn - lastCollectorIn) / secs,
        (toKafka - lastToKafka) / secs,
        Math.round(
            PrometheusText.value(c, "flume_channel_put_latency_last_seconds", "component=\"kafka\"")
                    .orElse(0)
                * 1000),
        count(c, "flume_channel_dead_letter_total", "kafka"),
        (loaderIn - lastLoaderIn) / secs,
        count(l, "flume_channel_size", "clicks"),
        (toHBase - lastToHBase) / secs,
        count(l, "flume_sink_increment_total", "hbase"),
        count(l, "flume_sink_dead_letter_total", "hbase"));
    lastNanos = now;
    lastWritten = written;
    lastCollectorIn = collectorIn;
    lastToKafka = toKafka;
    lastLoaderIn = loaderIn;
    lastToHBase = toHBase;
  }
}
