package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A channel batch as records: the records to send, their events (same order), and the events
 * refused before sending. Mutable lists: deliveries move events to the dead letters as Kafka
 * refuses them.
 */
record MappedBatch(
    List<DeadLetter> dead, List<Event> events, List<ProducerRecord<byte[], byte[]>> records) {

  static MappedBatch of(List<Event> events, EventRecordMapper mapper) {
    List<DeadLetter> dead = new ArrayList<>();
    List<Event> mappedEvents = new ArrayList<>(events.size());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
    for (Event event : events) {
      MappedEvent mapped = mapper.map(event);
      if (mapped.refused()) {
        dead.add(
            DeadLetter.of(event, mapped.refusal(), mapped.refusalCheck(), mapped.destination()));
      } else {
        mappedEvents.add(event);
        records.add(mapped.record());
      }
    }
    return new MappedBatch(dead, mappedEvents, records);
  }

  /**
   * Moves the records whose topic the cluster says does not exist to {@code fallback} (when it
   * exists), else to the dead letters. A topic the cluster did not answer for is left alone.
   */
  void routeMissingTopics(TopicDirectory topics, String fallback) {
    Map<String, TopicDirectory.Existence> known = new HashMap<>();
    for (int i = 0; i < records.size(); ) {
      ProducerRecord<byte[], byte[]> r = records.get(i);
      if (known.computeIfAbsent(r.topic(), topics::existence) != TopicDirectory.Existence.MISSING) {
        i++;
      } else if (fallback != null
          && !fallback.equals(r.topic())
          && known.computeIfAbsent(fallback, topics::existence)
              != TopicDirectory.Existence.MISSING) {
        records.set(
            i,
            new ProducerRecord<>(
                fallback, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()));
        i++;
      } else {
        setAside(
            i,
            "topic '"
                + r.topic()
                + "' does not exist and the cluster does not create topics on demand",
            "TopicMissing");
      }
    }
  }

  /**
   * Moves the records larger than their topic's max.message.bytes to the dead letters: the broker
   * would refuse their batch. Measured as the producer measures a record against max.request.size,
   * uncompressed, so a record that compression would bring under the limit is set aside too (the
   * same rule, applied to the topic's limit).
   */
  void setAsideOverTopicLimit(TopicDirectory topics) {
    Map<String, Integer> limits = new HashMap<>();
    for (int i = 0; i < records.size(); ) {
      ProducerRecord<byte[], byte[]> r = records.get(i);
      int limit = limits.computeIfAbsent(r.topic(), topics::maxMessageBytes);
      int size = RecordSize.inOwnBatch(r);
      if (size <= limit) {
        i++;
      } else {
        setAside(
            i,
            "a record of "
                + size
                + " bytes is over topic '"
                + r.topic()
                + "' max.message.bytes "
                + limit,
            "TopicMessageLimit");
      }
    }
  }

  /** Moves record {@code i} and its event to the dead letters, refused by {@code check}. */
  private void setAside(int i, String reason, String check) {
    ProducerRecord<byte[], byte[]> r = records.remove(i);
    dead.add(DeadLetter.of(events.remove(i), reason, check, r.topic()));
  }

  /** The dead letter of an event Kafka refused with {@code error}. */
  static DeadLetter letter(Event event, Throwable error, String topic) {
    return DeadLetter.of(
        event, String.valueOf(error.getMessage()), error.getClass().getName(), topic);
  }

  /** Bytes of a record's key and value, as counted in BytesSent. */
  static long size(ProducerRecord<byte[], byte[]> r) {
    return (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
  }
}
