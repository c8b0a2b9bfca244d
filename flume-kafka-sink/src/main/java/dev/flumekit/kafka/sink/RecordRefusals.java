package dev.flumekit.kafka.sink;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What Kafka would refuse of a record, known without asking a broker: the producer's own size limit
 * as configured, and a topic's limits at Kafka 4's defaults. The sink dead-letters a record the
 * cluster refuses ({@link FailureKind#RECORD_REJECTED}); {@code bin/flumekit-agent test} shows that
 * ahead. A topic created with other limits is not asked: {@code check --connect} reads its
 * max.message.bytes.
 */
final class RecordRefusals {
  /** Kafka 4's default message.timestamp.after.max.ms: how far ahead of the broker's clock. */
  static final long TIMESTAMP_AFTER_MAX_MS = 3_600_000L;

  /** Kafka's default max.message.bytes of a topic. */
  static final int TOPIC_MAX_MESSAGE_BYTES = 1_048_588;

  /** The producer's default max.request.size. */
  static final int MAX_REQUEST_SIZE = 1_048_576;

  /** A refusal: the check that refuses, as the sink names it in a dead letter, and why. */
  record Refusal(String check, String reason) {}

  private RecordRefusals() {}

  /**
   * Why the record would be refused, or null.
   *
   * @param producer the producer's settings
   * @param nowMillis the broker's clock
   */
  static Refusal of(
      ProducerRecord<byte[], byte[]> record, Map<String, Object> producer, long nowMillis) {
    Long time = record.timestamp();
    if (time != null && time > nowMillis + TIMESTAMP_AFTER_MAX_MS) {
      return new Refusal(
          "InvalidTimestampException",
          "record time "
              + time
              + " is "
              + (time - nowMillis) / 60_000
              + " min ahead of the clock; brokers refuse more than"
              + " message.timestamp.after.max.ms = "
              + TIMESTAMP_AFTER_MAX_MS
              + " (Kafka's default)");
    }
    int size = RecordSize.inOwnBatch(record);
    int request = maxRequestSize(producer);
    if (size > request) {
      return new Refusal(
          "RecordTooLargeException",
          "a record of "
              + size
              + " bytes is over the producer's max.request.size "
              + request
              + " (kafka.producer.max.request.size)");
    }
    if (size > TOPIC_MAX_MESSAGE_BYTES) {
      return new Refusal(
          "TopicMessageLimit",
          "a record of "
              + size
              + " bytes is over topic '"
              + record.topic()
              + "' max.message.bytes "
              + TOPIC_MAX_MESSAGE_BYTES
              + " (Kafka's default)");
    }
    return null;
  }

  private static int maxRequestSize(Map<String, Object> producer) {
    Object value = producer.get("max.request.size");
    if (value == null) {
      return MAX_REQUEST_SIZE;
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      return MAX_REQUEST_SIZE; // check names a value the producer refuses
    }
  }
}
