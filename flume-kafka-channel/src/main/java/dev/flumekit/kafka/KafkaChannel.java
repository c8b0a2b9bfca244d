package dev.flumekit.kafka;

import dev.flumekit.common.isolation.PluginFacadeChannel;

/**
 * Kafka channel on kafka-clients 4.x, a drop-in for Flume's own KafkaChannel: a source's commit
 * returns once Kafka has its events, a sink's commit commits the offsets of what it took.
 *
 * <pre>
 * a1.channels.c1.type = dev.flumekit.kafka.KafkaChannel
 * a1.channels.c1.kafka.bootstrap.servers = broker1:9092,broker2:9092
 * a1.channels.c1.kafka.topic = events
 * a1.channels.c1.kafka.consumer.group.id = loader
 * a1.channels.c1.parseAsFlumeEvent = false
 * </pre>
 *
 * <p>This class only hands the work to {@link dev.flumekit.kafka.channel.IsolatedKafkaChannel}
 * inside the plugin's own class loader, so that it runs on the plugin's kafka-clients even though
 * Flume's lib/ holds an older one.
 */
public final class KafkaChannel extends PluginFacadeChannel {
  public KafkaChannel() {
    super("dev.flumekit.kafka.channel.IsolatedKafkaChannel");
  }
}
