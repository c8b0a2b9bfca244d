package dev.flumekit.kafka.sink;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What {@link dev.flumekit.common.tooling.RecordPreview} answers for the Kafka sink and channel:
 * the record their mapper makes of an event, without sending it.
 */
public final class RecordPreviews {
  private RecordPreviews() {}

  public static Map<String, String> of(
      EventRecordMapper mapper, Map<String, String> headers, byte[] body) {
    MappedEvent mapped = mapper.map(EventBuilder.withBody(body, headers));
    Map<String, String> preview = new LinkedHashMap<>();
    preview.put("topic", mapped.destination());
    if (mapped.refused()) {
      preview.put("deadLetter", mapped.refusalCheck() + ": " + mapped.refusal());
      return preview;
    }
    ProducerRecord<byte[], byte[]> r = mapped.record();
    if (r.key() != null) {
      preview.put("key", new String(r.key(), StandardCharsets.UTF_8));
    }
    if (r.partition() != null) {
      preview.put("partition", r.partition().toString());
    }
    if (r.timestamp() != null) {
      preview.put("timestamp", r.timestamp().toString());
    }
    return preview;
  }
}
