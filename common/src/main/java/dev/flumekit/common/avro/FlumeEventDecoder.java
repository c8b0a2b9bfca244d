package dev.flumekit.common.avro;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes Flume's Avro event ({@code AvroFlumeEvent}: {@code headers: map<string,string>, body:
 * bytes}) in Avro's binary encoding, trusting no length in it: every count and length must fit in
 * the bytes that remain, so a malformed record can never make it allocate more than the record's
 * own size (Avro before 1.11.4 allocates whatever a length field says, CVE-2023-39410, and Flume's
 * lib/ ships 1.11.0). A record that is not such an event is refused with the reason.
 */
public final class FlumeEventDecoder {
  /** A decoded event. */
  public record Decoded(Map<String, String> headers, byte[] body) {}

  /** Why a value is not a Flume Avro event. */
  public static final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedEventException(String reason, int at) {
      super(reason + " at byte " + at);
    }
  }

  private final byte[] in;
  private int pos;

  private FlumeEventDecoder(byte[] in) {
    this.in = in;
  }

  /**
   * @throws MalformedEventException if {@code value} is not exactly one Flume Avro event
   */
  public static Decoded decode(byte[] value) throws MalformedEventException {
    FlumeEventDecoder d = new FlumeEventDecoder(value);
    Map<String, String> headers = d.headers();
    byte[] body = d.bytes();
    if (d.pos != value.length) {
      throw new MalformedEventException((value.length - d.pos) + " bytes after the event", d.pos);
    }
    return new Decoded(headers, body);
  }

  private Map<String, String> headers() throws MalformedEventException {
    Map<String, String> headers = new HashMap<>();
    while (true) {
      int blockStart = pos;
      long count = varLong();
      if (count == 0) {
        return headers;
      }
      if (count < 0) {
        count = -count;
        varLong(); // the block's size in bytes, for skipping; not needed to read it
      }
      // an entry takes at least two bytes (two empty strings): a count beyond that is a lie
      if (count > (in.length - pos) / 2) {
        throw new MalformedEventException("header block of " + count + " entries", blockStart);
      }
      for (long i = 0; i < count; i++) {
        String key = string();
        headers.put(key, string());
      }
    }
  }

  private String string() throws MalformedEventException {
    int start = pos;
    byte[] bytes = bytes();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEventException("a header that is not UTF-8", start);
    }
  }

  private byte[] bytes() throws MalformedEventException {
    int start = pos;
    long length = varLong();
    if (length < 0 || length > in.length - pos) {
      throw new MalformedEventException(
          "length " + length + " beyond the " + (in.length - pos) + " bytes left", start);
    }
    byte[] out = new byte[(int) length];
    System.arraycopy(in, pos, out, 0, out.length);
    pos += out.length;
    return out;
  }

  /** Avro's long: a zig-zag varint of at most 10 bytes. */
  private long varLong() throws MalformedEventException {
    int start = pos;
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= in.length) {
        throw new MalformedEventException("the record ends inside a number", start);
      }
      int b = in[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new MalformedEventException("a number longer than 10 bytes", start);
  }
}
