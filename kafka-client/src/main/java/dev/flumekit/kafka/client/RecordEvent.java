package dev.flumekit.kafka.client;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Flume event read from a Kafka record whose header map is built the first time someone asks for
 * it. Many agents never do (a sink that writes the body only, a channel that counts bytes), and for
 * them the map and the strings for offset, timestamp and key were a quarter of the Kafka source
 * thread's samples (JFR). The map then holds exactly what an eagerly built one did: the value's own
 * Flume headers (Flume's event format), the record's headers as UTF-8, the topic under the topic
 * header if set, partition, offset, timestamp unless the event carries one, and key.
 *
 * <p>Not thread-safe, like Flume's {@code SimpleEvent}: an event is handed between threads through
 * a channel's transaction, whose locks order the first {@link #getHeaders()} after the put.
 */
final class RecordEvent implements Event {
  private ConsumerRecord<byte[], byte[]> record;
  private Map<String, String> headers;
  private final String topicHeader;
  private final String partition;
  private byte[] body;

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
    this.record = record;
    this.body = body;
    this.headers = decodedHeaders;
    this.topicHeader = topicHeader;
    this.partition = partition;
  }

  @Override
  public Map<String, String> getHeaders() {
    if (record != null) {
      headers = withRecordHeaders(headers, record);
      record = null; // built once; and the record's bytes are no longer held twice
    }
    return headers;
  }

  private Map<String, String> withRecordHeaders(
      Map<String, String> decoded, ConsumerRecord<byte[], byte[]> from) {
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

  @Override
  public void setHeaders(Map<String, String> headers) {
    record = null;
    this.headers = headers;
  }

  @Override
  public byte[] getBody() {
    return body;
  }

  @Override
  public void setBody(byte[] body) {
    this.body = body == null ? new byte[0] : body;
  }

  /** As Flume's {@code SimpleEvent} prints itself, for logs and the dead letter's description. */
  @Override
  public String toString() {
    return "[Event headers = " + getHeaders() + ", body.length = " + body.length + " ]";
  }
}
