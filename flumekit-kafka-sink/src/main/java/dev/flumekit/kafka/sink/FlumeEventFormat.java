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

  byte[] encode(Map<String, String> headers, byte[] body) {
    Map<CharSequence, CharSequence> avroHeaders = new HashMap<>(headers.size() * 2);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      // Avro's map<string, string> has no null: a header without a value carries nothing to keep
      if (h.getKey() != null && h.getValue() != null) {
        avroHeaders.put(h.getKey(), h.getValue());
      }
    }
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
