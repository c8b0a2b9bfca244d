package dev.flumekit.kafka.sink;

import dev.flumekit.common.net.InstanceName;
import dev.flumekit.kafka.client.ClientValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of the send path (the Kafka sink's, the Kafka channel's put side), built
 * from its configuration: the first-class keys (acks, compression, lingerMs, batchBytes,
 * idempotence), the client id, {@code kafka.producer.*} overrides last, then the transactional id
 * of a transactional writer. The writer owns the serializers, the brokers and the transactional id:
 * an override of one is refused when the configuration is parsed. The consumers' counterpart is
 * {@link dev.flumekit.kafka.client.ConsumerSettings}.
 */
public final class ProducerSettings {
  /** Settings the writer owns; a {@code kafka.producer.*} override of one is refused. */
  private static final Set<String> OWNED =
      Set.of("key.serializer", "value.serializer", "bootstrap.servers", "transactional.id");

  private ProducerSettings() {}

  /**
   * Reports the {@code kafka.producer.*} entries the producer would not take: a setting the writer
   * owns, or a value kafka-clients would refuse (named with key and value, in the client's words).
   *
   * @param prefixed the entries under the prefix, keyed by the part after it
   * @param prefix the prefix, for messages
   * @param problem takes a message for each entry refused
   */
  static void checkOverrides(
      Map<String, String> prefixed, String prefix, Consumer<String> problem) {
    for (String key : prefixed.keySet()) {
      if (OWNED.contains(key)) {
        problem.accept(
            prefix
                + key
                + ": set by the sink, not configurable here"
                + (key.equals("bootstrap.servers") ? " (use kafka.bootstrap.servers)" : ""));
      }
    }
    Map<String, String> passed = new LinkedHashMap<>(prefixed);
    passed.keySet().removeAll(OWNED);
    ClientValues.problems(prefix, passed, ProducerConfig.configDef()).forEach(problem);
  }

  /** The producer properties {@code config} implies, overrides last. */
  public static Map<String, Object> properties(KafkaSinkConfig config) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", String.join(",", config.get(KafkaSinkConfig.BOOTSTRAP_SERVERS)));
    p.put("acks", config.get(KafkaSinkConfig.ACKS).producerValue());
    p.put("compression.type", config.get(KafkaSinkConfig.COMPRESSION).producerValue());
    p.put("linger.ms", config.get(KafkaSinkConfig.LINGER_MS));
    p.put("batch.size", config.get(KafkaSinkConfig.BATCH_BYTES));
    p.put("enable.idempotence", config.get(KafkaSinkConfig.IDEMPOTENCE));
    p.put("client.id", "flumekit-" + config.sinkName());
    p.putAll(config.prefixed(KafkaSinkConfig.PRODUCER));
    if (config.get(KafkaSinkConfig.TRANSACTIONAL)) {
      p.put("transactional.id", transactionalId(config));
    }
    return p;
  }

  /** The transactional.id: as configured, else {@link #defaultTransactionalId}. */
  public static String transactionalId(KafkaSinkConfig config) {
    String id = config.get(KafkaSinkConfig.TRANSACTIONAL_ID);
    return id != null ? id : defaultTransactionalId(config.role(), config.sinkName());
  }

  /**
   * One id per agent, writer and host, stable across restarts: {@code
   * flumekit-<sink|channel>-<agent name>-<name>@<host name>}.
   *
   * @throws IllegalStateException when the host's name is not one to rely on (localhost*), saying
   *     why
   */
  static String defaultTransactionalId(WriterRole role, String name) {
    return InstanceName.defaultId(role.word(), name, "@");
  }
}
