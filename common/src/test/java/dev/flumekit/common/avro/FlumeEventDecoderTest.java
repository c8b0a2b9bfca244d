package dev.flumekit.common.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.source.avro.AvroFlumeEvent;
import org.junit.jupiter.api.Test;

class FlumeEventDecoderTest {
  private static byte[] encode(Map<CharSequence, CharSequence> headers, byte[] body)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AvroFlumeEvent.class)
        .write(new AvroFlumeEvent(headers, ByteBuffer.wrap(body)), encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void decodesWhatAvroEncodes() throws Exception {
    Map<CharSequence, CharSequence> headers = new HashMap<>();
    headers.put("course", "130");
    headers.put("名前", "値");
    byte[] body = "GET /class/130.html".getBytes(StandardCharsets.UTF_8);
    FlumeEventDecoder.Decoded d = FlumeEventDecoder.decode(encode(headers, body));
    assertEquals(Map.of("course", "130", "名前", "値"), d.headers());
    assertArrayEquals(body, d.body());
    assertEquals(0, FlumeEventDecoder.decode(encode(Map.of(), new byte[0])).body().length);
  }

  @Test
  void aHugeLengthFieldIsRefusedWithoutAllocatingIt() {
    // headers: none; body: a length of about 2^62 in a zig-zag varint, then 3 bytes
    byte[] lie = {
      0,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      0x7f,
      1,
      2,
      3
    };
    FlumeEventDecoder.MalformedEventException e =
        assertThrows(
            FlumeEventDecoder.MalformedEventException.class, () -> FlumeEventDecoder.decode(lie));
    assertTrue(e.getMessage().endsWith(" beyond the 3 bytes left at byte 1"), e.getMessage());
    // a header block claiming 2^30 entries in a 6-byte record
    byte[] block = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0};
    assertThrows(
        FlumeEventDecoder.MalformedEventException.class, () -> FlumeEventDecoder.decode(block));
  }

  @Test
  void randomBytesNeverThrowAnythingElse() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      try {
        FlumeEventDecoder.decode(garbage);
      } catch (FlumeEventDecoder.MalformedEventException expected) {
        // refused with a reason
      }
    }
  }
}
