package dev.flumekit.kafka.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.source.avro.AvroFlumeEvent;

/**
 * Encodes an event as Flume's Avro {@code AvroFlumeEvent} (headers and body), the value format of
 * {@code useFlumeEventFormat=true} that Flume's Kafka source and channel decode.
 */
final class FlumeEventFormat {
  private final SpecificDatumWriter<AvroFlumeEvent> writer =
      new SpecificDatumWriter<>(AvroFlumeEvent.class);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private BinaryEncoder encoder;

  /**
   * The headers as Avro's {@code map<string, string>}, which has no null: a header without a name
   * or value carries nothing to keep. The event's own map when it has none (the usual case), so
   * that an event is not copied twice per hop.
   */
  @SuppressWarnings("unchecked")
  private static Map<CharSequence, CharSequence> withoutNulls(Map<String, String> headers) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey() == null || h.getValue() == null) {
        Map<CharSequence, CharSequence> copy = new HashMap<>(headers.size() * 2);
        headers.forEach(
            (k, v) -> {
              if (k != null && v != null) {
                copy.put(k, v);
              }
            });
        return copy;
      }
    }
    return (Map<CharSequence, CharSequence>) (Map<?, ?>) headers;
  }

  byte[] encode(Map<String, String> headers, byte[] body) {
    Map<CharSequence, CharSequence> avroHeaders = withoutNulls(headers);
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      writer.write(new AvroFlumeEvent(avroHeaders, ByteBuffer.wrap(body)), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
