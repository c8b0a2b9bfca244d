package dev.flumekit.demo;

import dev.flumekit.testkit.FlumeMetrics;
import java.util.Locale;

/** One line a second: what each stage did since the last line, from the agents' monitoring. */
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

  private static double value(String json, String component, String key) {
    return FlumeMetrics.value(json, component, key).orElse(0);
  }

  private static long count(String json, String component, String key) {
    return (long) value(json, component, key);
  }

  void print(long startNanos, long written) throws InterruptedException {
    String c = collector.fetch();
    String l = loader.fetch();
    long now = System.nanoTime();
    double secs = Math.max(1e-3, (now - lastNanos) / 1e9);
    long collectorIn = count(c, "SOURCE.tail", "EventAcceptedCount");
    long toKafka = count(c, "CHANNEL.kafka", "EventPutSuccessCount");
    long loaderIn = count(l, "CHANNEL.clicks", "EventTakeSuccessCount");
    long toHBase = count(l, "SINK.hbase", "EventDrainSuccessCount");
    System.out.printf(
        Locale.ROOT,
        "%6.0fs | %11.0f | %15.0f %9.0f %7d %5d | %12.0f %5d %10.0f %5d %5d%n",
        (now - startNanos) / 1e9,
        (written - lastWritten) / secs,
        (collectorIn - lastCollectorIn) / secs,
        (toKafka - lastToKafka) / secs,
        count(c, "CHANNEL.kafka", "PutLatencyLastMs"),
        count(c, "CHANNEL.kafka", "DeadLetterCount"),
        (loaderIn - lastLoaderIn) / secs,
        count(l, "CHANNEL.clicks", "ChannelSize"),
        (toHBase - lastToHBase) / secs,
        count(l, "SINK.hbase", "IncrementCount"),
        count(l, "SINK.hbase", "DeadLetterCount"));
    lastNanos = now;
    lastWritten = written;
    lastCollectorIn = collectorIn;
    lastToKafka = toKafka;
    lastLoaderIn = loaderIn;
    lastToHBase = toHBase;
  }
}
