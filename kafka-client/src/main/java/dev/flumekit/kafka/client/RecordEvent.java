package dev.flumekit.kafka.client;

import dev.flumekit.common.event.LazyHeadersEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Flume event read from a Kafka record whose header map is made the first time someone asks for
 * it. Many agents never do (a sink that writes the body only, a channel that counts bytes), and for
 * them the map and the strings for offset, timestamp and key were a quarter of the Kafka source
 * thread's samples (JFR). The map then holds exactly what an eagerly built one did: the value's own
 * Flume headers (Flume's event format), the record's headers as UTF-8, the topic under the topic
 * header if set, partition, offset, timestamp unless the event carries one, and key.
 */
final class RecordEvent extends LazyHeadersEvent {
  private ConsumerRecord<byte[], byte[]> record;
  private final String topicHeader;
  private final String partition;

  /**
   * @param decodedHeaders the headers decoded from the value (owned by this event from now on), or
   *     null
   * @param topicHeader the header for the topic, or null for none
   * @param partition the record's partition as text (the mapper's cached string)
   */
  RecordEvent(
      ConsumerRecord<byte[], byte[]> record,
      byte[] body,
      Map<String, String> decodedHeaders,
      String topicHeader,
      String partition) {
    super(body, decodedHeaders);
    this.record = record;
    this.topicHeader = topicHeader;
    this.partition = partition;
  }

  @Override
  protected Map<String, String> makeHeaders(Map<String, String> decoded) {
    ConsumerRecord<byte[], byte[]> from = record;
    record = null; // made once: the record's bytes are no longer held twice
    // five headers of its own, more with record or decoded headers: sized so none rehashes
    Map<String, String> map = decoded != null ? decoded : new HashMap<>(8);
    for (Header h : from.headers()) {
      if (h.value() != null) {
        map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    if (topicHeader != null) {
      map.put(topicHeader, from.topic());
    }
    map.put("partition", partition);
    map.put("offset", Long.toString(from.offset()));
    if (from.timestamp() >= 0) {
      // an event time carried in the event's own headers wins over the record's
      map.putIfAbsent("timestamp", Long.toString(from.timestamp()));
    }
    if (from.key() != null) {
      map.put("key", new String(from.key(), StandardCharsets.UTF_8));
    }
    return map;
  }
}
