package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordEventMapperTest {
  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, long timestamp, String key, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("host", "web-3".getBytes(StandardCharsets.UTF_8));
    headers.add("nothing", null);
    return new ConsumerRecord<>(
        "clicks",
        partition,
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value,
        headers,
        Optional.empty());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPlainValueIsTheBodyAndTheRecordsCoordinatesAreHeaders() {
    RecordEventMapper mapper = new RecordEventMapper(false, "topic");
    RecordEventMapper.Mapped mapped =
        mapper.map(record(2, 41, 1_765_000_000_000L, "course-7", utf8("GET /a")));
    assertFalse(mapped.decodeFailed());
    Event event = mapped.event();
    assertArrayEquals(utf8("GET /a"), event.getBody());
    assertEquals(
        Map.of(
            "host", "web-3",
            "topic", "clicks",
            "partition", "2",
            "offset", "41",
            "timestamp", "1765000000000",
            "key", "course-7"),
        event.getHeaders());
  }

  @Test
  void noTopicHeaderNoTimestampNoKeyAndAnEmptyValue() {
    Event event = new RecordEventMapper(false, null).map(record(0, 5, -1, null, null)).event();
    assertArrayEquals(new byte[0], event.getBody());
    assertEquals(Map.of("host", "web-3", "partition", "0", "offset", "5"), event.getHeaders());
  }

  @Test
  void theHeaderMapIsBuiltOnceAndChangesToItStay() {
    Event event = new RecordEventMapper(false, null).map(record(1, 9, 3, "k", utf8("x"))).event();
    Map<String, String> headers = event.getHeaders();
    headers.put("course", "c-12"); // as an interceptor adds one
    headers.remove("key");
    assertSame(headers, event.getHeaders());
    assertEquals("c-12", event.getHeaders().get("course"));
    assertNull(event.getHeaders().get("key"));
  }

  @Test
  void headersSetBeforeAnyReadReplaceTheRecords() {
    Event event = new RecordEventMapper(false, null).map(record(1, 9, 3, "k", utf8("x"))).event();
    Map<String, String> replaced = new LinkedHashMap<>(Map.of("only", "this"));
    event.setHeaders(replaced);
    assertSame(replaced, event.getHeaders());
    event.setBody(null);
    assertArrayEquals(new byte[0], event.getBody(), "a null body is empty, as SimpleEvent's");
  }

  @Test
  void flumeEventFormatMergesTheValuesHeadersUnderTheRecords() {
    byte[] value = avroEvent(Map.of("timestamp", "17", "host", "from-value"), utf8("body"));
    Event event = new RecordEventMapper(true, null).map(record(0, 2, 99, null, value)).event();
    assertArrayEquals(utf8("body"), event.getBody());
    Map<String, String> headers = event.getHeaders();
    assertEquals("17", headers.get("timestamp"), "the event's own time wins over the record's");
    assertEquals("web-3", headers.get("host"), "a record header wins over the value's");
    assertEquals("2", headers.get("offset"));
  }

  @Test
  void aValueThatIsNotAFlumeEventIsADeadLetterWithItsRawBytes() {
    byte[] value = utf8("plain text, not Avro");
    RecordEventMapper.Mapped mapped =
        new RecordEventMapper(true, null).map(record(0, 3, 99, null, value));
    assertTrue(mapped.decodeFailed());
    assertTrue(mapped.decodeFailure().startsWith("not a Flume Avro event: "));
    assertArrayEquals(value, mapped.event().getBody());
    assertEquals("3", mapped.event().getHeaders().get("offset"));
    assertTrue(mapped.event().toString().contains("body.length = " + value.length));
  }

  /** Flume's AvroFlumeEvent: a map of strings, then the body as bytes (Avro binary encoding). */
  private static byte[] avroEvent(Map<String, String> headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeLong(out, headers.size());
    headers.forEach(
        (k, v) -> {
          writeBytes(out, utf8(k));
          writeBytes(out, utf8(v));
        });
    writeLong(out, 0);
    writeBytes(out, body);
    return out.toByteArray();
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
    writeLong(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeLong(ByteArrayOutputStream out, long n) {
    long z = (n << 1) ^ (n >> 63);
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
  }
}
