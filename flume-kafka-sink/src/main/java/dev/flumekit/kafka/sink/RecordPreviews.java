package dev.flumekit.kafka.sink;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What {@link dev.flumekit.common.tooling.RecordPreview} answers for the Kafka sink and channel:
 * the record their mapper makes of an event, without sending it, or where the event would go
 * instead when the mapper or Kafka would refuse it.
 */
public final class RecordPreviews {
  private RecordPreviews() {}

  public static Map<String, String> of(
      KafkaSinkConfig config, Map<String, String> headers, byte[] body) {
    long now = System.currentTimeMillis();
    MappedEvent mapped =
        new EventRecordMapper(config, () -> now).map(EventBuilder.withBody(body, headers));
    Map<String, String> preview = new LinkedHashMap<>();
    preview.put("topic", mapped.destination());
    if (mapped.refused()) {
      return deadLetter(preview, mapped.refusalCheck(), mapped.refusal(), config);
    }
    ProducerRecord<byte[], byte[]> r = mapped.record();
    RecordRefusals.Refusal refusal = RecordRefusals.of(r, ProducerSettings.properties(config), now);
    if (refusal != null) {
      return deadLetter(preview, refusal.check(), refusal.reason(), config);
    }
    if (r.key() != null) {
      preview.put("key", new String(r.key(), StandardCharsets.UTF_8));
    }
    if (r.partition() != null) {
      preview.put("partition", r.partition().toString());
    }
    String timestampHeader = config.get(KafkaSinkConfig.TIMESTAMP_HEADER);
    if (r.timestamp() != null) {
      preview.put("timestamp", r.timestamp().toString());
    } else if (timestampHeader != null && headers.get(timestampHeader) != null) {
      preview.put(
          "timestampNote",
          "older than maxRecordTimeAgeMs = "
              + config.get(KafkaSinkConfig.MAX_RECORD_TIME_AGE_MS)
              + ": sent with the send time, its own in header "
              + timestampHeader);
    }
    if (config.get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT)) {
      preview.put("value", "Flume event: every header and the body");
    } else {
      // what a consumer gets of the event's headers: those copied or renamed as record headers
      Map<String, String> sorted = new TreeMap<>();
      for (Header h : r.headers()) {
        sorted.put("header." + h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
      preview.putAll(sorted);
    }
    return preview;
  }

  private static Map<String, String> deadLetter(
      Map<String, String> preview, String check, String reason, KafkaSinkConfig config) {
    preview.put("deadLetter", check + ": " + reason);
    preview.put("deadLetterTo", String.valueOf(config.get(KafkaSinkConfig.DEAD_LETTER)));
    return preview;
  }
}
