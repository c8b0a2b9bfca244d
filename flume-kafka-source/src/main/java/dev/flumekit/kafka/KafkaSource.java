package dev.flumekit.kafka;

import dev.flumekit.common.isolation.PluginFacadeSource;

/**
 * Kafka source on kafka-clients 4.x, a drop-in for Flume's own KafkaSource: offsets are committed
 * only after the channel transaction commits (at least once), rebalances are cooperative.
 *
 * <pre>
 * a1.sources.r1.type = dev.flumekit.kafka.KafkaSource
 * a1.sources.r1.channels = c1
 * a1.sources.r1.kafka.bootstrap.servers = broker1:9092,broker2:9092
 * a1.sources.r1.kafka.topics = access-logs
 * a1.sources.r1.kafka.consumer.group.id = loader
 * a1.sources.r1.batchSize = 1000
 * </pre>
 *
 * <p>This class only hands the work to {@link dev.flumekit.kafka.source.IsolatedKafkaSource} inside
 * the plugin's own class loader, so that it runs on the plugin's kafka-clients even though Flume's
 * lib/ holds an older one.
 */
public final class KafkaSource extends PluginFacadeSource {
  public KafkaSource() {
    super("dev.flumekit.kafka.source.IsolatedKafkaSource");
  }
}
