package dev.flumekit.kafka;

import dev.flumekit.common.isolation.PluginFacadeSink;

/**
 * Batching Kafka sink on kafka-clients 4.x, a drop-in for Flume's own KafkaSink.
 *
 * <pre>
 * a1.sinks.k1.type = dev.flumekit.kafka.KafkaSink
 * a1.sinks.k1.channel = c1
 * a1.sinks.k1.kafka.bootstrap.servers = broker1:9092,broker2:9092
 * a1.sinks.k1.kafka.topic = logs
 * a1.sinks.k1.flumeBatchSize = 1000
 * a1.sinks.k1.acks = all
 * a1.sinks.k1.compression = snappy
 * a1.sinks.k1.deadLetter = topic:logs-dlq
 * </pre>
 *
 * <p>This class only hands the work to {@link dev.flumekit.kafka.sink.IsolatedKafkaSink} inside the
 * plugin's own class loader, so that it runs on the plugin's kafka-clients even though Flume's lib/
 * holds an older one.
 */
public final class KafkaSink extends PluginFacadeSink {
  public KafkaSink() {
    super("dev.flumekit.kafka.sink.IsolatedKafkaSink");
  }
}
