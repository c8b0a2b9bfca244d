package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.kafka.client.KafkaReach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code check --connect} asks of a writer (the Kafka sink, the Kafka channel's put side): the
 * cluster answers its producer, holds every topic it sends to, and keeps records long enough for
 * the record times it sets ({@link KafkaReach} asks).
 */
public final class WriterReach {
  private WriterReach() {}

  public static List<String> unreachable(KafkaSinkConfig config, Duration timeout) {
    return KafkaReach.unreachable(
        ProducerSettings.properties(config),
        topicsOf(config),
        config.get(KafkaSinkConfig.TIMESTAMP_HEADER),
        config.get(KafkaSinkConfig.MAX_RECORD_TIME_AGE_MS),
        timeout);
  }

  /**
   * The topics a writer configured as {@code config} sends to: its topic when fixed, each
   * allow-listed topic, its fallback topic and its dead-letter topic.
   */
  public static List<String> topicsOf(KafkaSinkConfig config) {
    List<String> topics = new ArrayList<>();
    if (config.topic().isConstant()) {
      topics.add(config.topic().render(Map.of()));
    }
    if (config.topicAllowList() != null) {
      topics.addAll(config.topicAllowList());
    }
    String fallback = config.get(KafkaSinkConfig.FALLBACK_TOPIC);
    if (fallback != null) {
      topics.add(fallback);
    }
    DeadLetterPolicy deadLetter = config.get(KafkaSinkConfig.DEAD_LETTER);
    if (deadLetter.kind() == DeadLetterPolicy.Kind.TOPIC) {
      topics.add(deadLetter.target());
    }
    return topics;
  }
}
