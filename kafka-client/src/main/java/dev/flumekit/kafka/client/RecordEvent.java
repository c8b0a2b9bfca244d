package dev.flumekit.kafka.client;

import dev.flumekit.common.event.LazyHeadersEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A Flume event read from a Kafka record whose header map is made the first time someone asks for
 * it. Many agents never do (a sink that writes the body only, a channel that counts bytes), and for
 * them the map and the strings for offset, timestamp and key were a quarter of the Kafka source
 * thread's samples (JFR). The map then holds exactly what an eagerly built one did: the value's own
 * Flume headers (Flume's event format), the record's headers as UTF-8, the topic under the topic
 * header if set, partition, offset, timestamp unless the event carries one, and key.
 */
final class RecordEvent extends LazyHeadersEvent {
  // what the headers are made of, not the record: its value (the Avro bytes with Flume's event
  // format) is not held beside the decoded body while the event waits in a channel
  private final Headers recordHeaders;
  private final String topic;
  private final long offset;
  private final long timestamp;
  private final byte[] key;
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
    this.recordHeaders = record.headers();
    this.topic = record.topic();
    this.offset = record.offset();
    this.timestamp = record.timestamp();
    this.key = record.key();
    this.topicHeader = topicHeader;
    this.partition = partition;
  }

  @Override
  protected Map<String, String> makeHeaders(Map<String, String> decoded) {
    // the default capacity, as the map built before it was made lazily: the same iteration order
    // for whoever copies every header (a Kafka sink relaying to another topic)
    Map<String, String> map = decoded != null ? decoded : new HashMap<>();
    for (Header h : recordHeaders) {
      if (h.value() != null) {
        map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    if (topicHeader != null) {
      map.put(topicHeader, topic);
    }
    map.put("partition", partition);
    map.put("offset", Long.toString(offset));
    if (timestamp >= 0) {
      // an event time carried in the event's own headers wins over the record's
      map.putIfAbsent("timestamp", Long.toString(timestamp));
    }
    if (key != null) {
      map.put("key", new String(key, StandardCharsets.UTF_8));
    }
    return map;
  }
}
