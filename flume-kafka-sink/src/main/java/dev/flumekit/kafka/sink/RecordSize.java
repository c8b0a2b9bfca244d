package dev.flumekit.kafka.sink;

import java.nio.charset.StandardCharsets;
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
    Header[] headers = record.headers().toArray();
    body += varintSize(headers.length);
    for (Header h : headers) {
      body += bytesField(h.key().getBytes(StandardCharsets.UTF_8).length);
      body += bytesField(h.value() == null ? -1 : h.value().length);
    }
    return BATCH_HEADER + varintSize(body) + body;
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
