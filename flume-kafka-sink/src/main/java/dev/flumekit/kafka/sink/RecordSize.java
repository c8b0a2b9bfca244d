package dev.flumekit.kafka.sink;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The bytes a record takes on a broker when it is alone in its batch, uncompressed: what a broker
 * compares with the topic's max.message.bytes once the producer has split a refused batch down to
 * single records. Kafka's record format v2: a batch header of 61 bytes, then the record's length,
 * attributes, timestamp and offset deltas, key, value and headers, lengths as zig-zag varints.
 */
final class RecordSize {
  /** Base offset, length, leader epoch, magic, CRC, attributes, deltas, ids, sequence, count. */
  static final int BATCH_HEADER = 61;

  private RecordSize() {}

  static int inOwnBatch(ProducerRecord<byte[], byte[]> record) {
    int body = 1 + 1 + 1; // attributes, timestamp delta 0, offset delta 0
    body += bytesField(record.key() == null ? -1 : record.key().length);
    body += bytesField(record.value() == null ? -1 : record.value().length);
    // every record is measured before it is sent: counted without copying headers or names
    int headers = 0;
    for (Header h : record.headers()) {
      headers++;
      body += bytesField(utf8Length(h.key()));
      body += bytesField(h.value() == null ? -1 : h.value().length);
    }
    body += varintSize(headers);
    return BATCH_HEADER + varintSize(body) + body;
  }

  /**
   * The length of {@code text} in UTF-8 as {@link String#getBytes} encodes it: a surrogate without
   * its pair becomes one byte ('?').
   */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** A length-prefixed field: the length as a varint, then the bytes (none for null, -1). */
  private static int bytesField(int length) {
    return varintSize(length) + Math.max(length, 0);
  }

  /** The size of a zig-zag encoded varint. */
  static int varintSize(int value) {
    int v = (value << 1) ^ (value >> 31);
    int bytes = 1;
    while ((v & 0xffffff80) != 0) {
      bytes++;
      v >>>= 7;
    }
    return bytes;
  }
}
