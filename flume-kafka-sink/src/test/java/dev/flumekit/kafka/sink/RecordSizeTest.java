package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The size computed equals the size of the batch kafka-clients itself builds for the record. */
class RecordSizeTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 127, 128, 8191, 8192, 20_000, 1_048_576})
  void equalsTheSizeOfTheBatchKafkaBuildsForTheRecordAlone(int valueBytes) {
    byte[] value = new byte[valueBytes];
    for (boolean keyed : new boolean[] {false, true}) {
      byte[] key = keyed ? "course-42".getBytes(StandardCharsets.UTF_8) : null;
      List<Header> headers =
          keyed
              ? List.of(
                  new RecordHeader("lineId", "0f3a9c1d22e4b5a6:123456".getBytes()),
                  new RecordHeader("empty", null))
              : List.of();
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>("t", null, 1_700_000_000_000L, key, value, headers);
      MemoryRecords built =
          MemoryRecords.withRecords(
              Compression.NONE,
              new SimpleRecord(1_700_000_000_000L, key, value, headers.toArray(new Header[0])));
      assertEquals(built.sizeInBytes(), RecordSize.inOwnBatch(record), "value " + valueBytes);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 63, -64, 64, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void varintSizesAreThoseOfZigZagEncoding(int value) {
    long zigzag = ((long) value << 1) ^ (value >> 31);
    zigzag &= 0xffffffffL;
    int expected = 1;
    while (zigzag >= 0x80) {
      expected++;
      zigzag >>>= 7;
    }
    assertEquals(expected, RecordSize.varintSize(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "lineId",
        "caf\u00e9",
        "\u0800\uffff\u4e2d\u6587",
        "\ud83d\ude00 emoji",
        "lone \ud83d high",
        "lone \ude00 low",
        "reversed \ude00\ud83d",
        "ends high \ud83d"
      })
  void utf8LengthIsTheLengthOfTheBytesJavaEncodes(String text) {
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, RecordSize.utf8Length(text));
  }

  @org.junit.jupiter.api.Test
  void headerNamesBeyondAsciiAreCountedAsKafkaWritesThem() {
    List<Header> headers =
        List.of(
            new RecordHeader("caf\u00e9", "1".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("\ud83d\ude00", null),
            new RecordHeader("\u4e2d", new byte[300]));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>("t", null, 1_700_000_000_000L, null, new byte[10], headers);
    MemoryRecords built =
        MemoryRecords.withRecords(
            Compression.NONE,
            new SimpleRecord(
                1_700_000_000_000L, null, new byte[10], headers.toArray(new Header[0])));
    assertEquals(built.sizeInBytes(), RecordSize.inOwnBatch(record));
  }
}
