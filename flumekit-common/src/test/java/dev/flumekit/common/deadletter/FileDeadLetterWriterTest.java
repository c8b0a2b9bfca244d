package dev.flumekit.common.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeadLetterWriterTest {
  @TempDir Path dir;

  @Test
  void appendsOneEscapedJsonLinePerLetter() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("z", "last");
    headers.put("a", "quote \" and \\ and \n");
    try (FileDeadLetterWriter writer = new FileDeadLetterWriter(dir.resolve("dlq"), "k1", clock)) {
      writer.write(
          List.of(
              new DeadLetter(
                  "hi".getBytes(StandardCharsets.UTF_8),
                  headers,
                  "too big",
                  "org.example.TooBig",
                  "logs")));
      writer.write(List.of(new DeadLetter(new byte[] {0, -1}, Map.of(), "r", "E", "t")));
    }
    List<String> lines = Files.readAllLines(dir.resolve("dlq/k1-2026-11-21.jsonl"));
    assertEquals(
        List.of(
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"too big\",\"error\":\"org.example.TooBig\","
                + "\"destination\":\"logs\",\"headers\":{\"a\":\"quote \\\" and \\\\ and \\n\","
                + "\"z\":\"last\"},\"body\":\"aGk=\"}",
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"r\",\"error\":\"E\",\"destination\":\"t\","
                + "\"headers\":{},\"body\":\"AP8=\"}"),
        lines);
  }

  @Test
  void writesANullHeaderValueAsJsonNull() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("a", null);
    headers.put(null, "no name");
    try (FileDeadLetterWriter writer = new FileDeadLetterWriter(dir.resolve("dlq"), "k1", clock)) {
      writer.write(List.of(new DeadLetter(new byte[0], headers, "r", "E", "t")));
    }
    assertEquals(
        List.of(
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"r\",\"error\":\"E\",\"destination\":\"t\","
                + "\"headers\":{\"\":\"no name\",\"a\":null},\"body\":\"\"}"),
        Files.readAllLines(dir.resolve("dlq/k1-2026-11-21.jsonl")));
  }

  @Test
  void parsesPolicies() {
    assertEquals(
        new DeadLetterPolicy(DeadLetterPolicy.Kind.TOPIC, "dlq"),
        DeadLetterPolicy.parse("topic:dlq"));
    assertEquals(
        new DeadLetterPolicy(DeadLetterPolicy.Kind.FILE, "/var/x"),
        DeadLetterPolicy.parse("file:/var/x"));
    assertEquals(DeadLetterPolicy.Kind.DROP, DeadLetterPolicy.parse("drop").kind());
    assertEquals(DeadLetterPolicy.Kind.FAIL, DeadLetterPolicy.parse("fail").kind());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DeadLetterPolicy.parse("topic:"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DeadLetterPolicy.parse("kafka"));
  }
}
