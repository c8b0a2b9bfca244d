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

  void print(long startNanos, long written) throws InterruptedException {
    AgentMetrics c = new AgentMetrics(collector.fetch());
    AgentMetrics l = new AgentMetrics(loader.fetch());
    long now = System.nanoTime();
    double secs = Math.max(1e-3, (now - lastNanos) / 1e9);
    long collectorIn = c.count("SOURCE.tail", "EventAcceptedCount");
    long toKafka = c.count("SINK.kafka", "EventDrainSuccessCount");
    long loaderIn = l.count("SOURCE.kafka", "EventAcceptedCount");
    long toHBase = l.count("SINK.hbase", "EventDrainSuccessCount");
    System.out.printf(
        Locale.ROOT,
        "%6.0fs | %11.0f | %15.0f %6.1f %9.0f %5d | %12.0f %5d %6.1f %10.0f %5d %5d%n",
        (now - startNanos) / 1e9,
        (written - lastWritten) / secs,
        (collectorIn - lastCollectorIn) / secs,
        c.get("CHANNEL.buffer", "ChannelFillPercentage"),
        (toKafka - lastToKafka) / secs,
        c.count("SINK.kafka", "DeadLetterCount"),
        (loaderIn - lastLoaderIn) / secs,
        l.count("SOURCE.kafka", "RecordsLagMax"),
        l.get("CHANNEL.buffer", "ChannelFillPercentage"),
        (toHBase - lastToHBase) / secs,
        l.count("SINK.hbase", "IncrementCount"),
        l.count("SINK.hbase", "DeadLetterCount"));
    lastNanos = now;
    lastWritten = written;
    lastCollectorIn = collectorIn;
    lastToKafka = toKafka;
    lastLoaderIn = loaderIn;
    lastToHBase = toHBase;
  }
}
