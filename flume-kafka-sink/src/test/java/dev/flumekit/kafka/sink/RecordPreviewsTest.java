package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordPreviewsTest {
  private static KafkaSinkConfig config(String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "b:9092");
    p.put("kafka.topic", "clicks");
    p.put("timestampHeader", "timestamp");
    p.put("deadLetter", "file:/var/lib/flumekit/dead-letters");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return KafkaSinkConfig.parse("k1", p);
  }

  private static Map<String, String> preview(KafkaSinkConfig config, long time, int bodyBytes) {
    return RecordPreviews.of(
        config,
        new HashMap<>(Map.of("timestamp", Long.toString(time), "key", "10.0.0.1")),
        "x".repeat(bodyBytes).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRecordTimedHoursAheadIsADeadLetterAsTheBrokerWouldRefuseIt() {
    Map<String, String> p = preview(config(), System.currentTimeMillis() + 3 * 3_600_000L, 10);
    assertEquals("clicks", p.get("topic"));
    assertTrue(
        p.get("deadLetter").startsWith("InvalidTimestampException: record time "), p.toString());
    assertTrue(
        p.get("deadLetter").contains("message.timestamp.after.max.ms = 3600000"),
        p.get("deadLetter"));
    assertEquals("file:/var/lib/flumekit/dead-letters", p.get("deadLetterTo"));
  }

  @Test
  void aRecordTimedNowIsSentWithItsTime() {
    long now = System.currentTimeMillis();
    Map<String, String> p = preview(config("keyHeader", "key"), now, 10);
    assertNull(p.get("deadLetter"), p.toString());
    assertEquals(Long.toString(now), p.get("timestamp"));
    assertEquals("10.0.0.1", p.get("key"));
  }

  @Test
  void anOldRecordTimeGivesWayToTheSendTimeAndSaysSo() {
    Map<String, String> p = preview(config(), System.currentTimeMillis() - 2 * 3_600_000L, 10);
    assertFalse(p.containsKey("timestamp"), p.toString());
    assertTrue(p.get("timestampNote").startsWith("older than maxRecordTimeAgeMs = 3600000"));
  }

  @Test
  void aRecordOverTheProducersOrTheTopicsLimitIsADeadLetter() {
    long now = System.currentTimeMillis();
    Map<String, String> p = preview(config("kafka.producer.max.request.size", "1000"), now, 2000);
    assertTrue(
        p.get("deadLetter")
            .matches(
                "RecordTooLargeException: a record of \\d+ bytes is over the producer's"
                    + " max.request.size 1000 .*"),
        p.get("deadLetter"));
    p = preview(config("kafka.producer.max.request.size", "4000000"), now, 2_000_000);
    assertTrue(
        p.get("deadLetter").contains("over topic 'clicks' max.message.bytes 1048588"),
        p.get("deadLetter"));
    p = preview(config(), now, 2_000_000);
    assertTrue(p.get("deadLetter").contains("max.request.size 1048576"), p.get("deadLetter"));
  }
}
