package dev.flumekit.kafka.sink;

import dev.flumekit.common.config.ConfigKey;

/**
 * The send path's keys that each writer declares itself, since their name, default or meaning
 * differ: the Kafka sink's {@code kafka.topic}, {@code useFlumeEventFormat} and {@code
 * allowTopicOverride}; the Kafka channel's {@code kafka.topic} (default {@code flume-channel}),
 * {@code parseAsFlumeEvent} (Flume's KafkaChannel's name, default true) and {@code
 * allowTopicOverride} (default false). The send path reads these values through them, from the
 * values the writer's own definition parsed; every other send key is {@link
 * KafkaSinkConfig#SEND_KEYS}, shared as is.
 *
 * @param topic the topic written to, possibly with %{header} placeholders
 * @param flumeEventFormat whether record values are Flume Avro events
 * @param allowTopicOverride whether an event's topic header replaces the topic
 */
public record WriterKeys(
    ConfigKey<String> topic,
    ConfigKey<Boolean> flumeEventFormat,
    ConfigKey<Boolean> allowTopicOverride) {}
