package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.tooling.EventTap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTapTest {
  @TempDir Path dir;

  @Test
  void anEventIsAJsonLineWithHeadersInNameOrder() {
    EventTap.Tapped t =
        new EventTap.Tapped(
            "clicks",
            2,
            41,
            Map.of("offset", "41", "course", "java \"101\""),
            "GET /x".getBytes(StandardCharsets.UTF_8),
            null);
    assertEquals(
        "{\"topic\":\"clicks\",\"partition\":2,\"offset\":41,\"headers\":{\"course\":\"java"
            + " \\\"101\\\"\",\"offset\":\"41\"},\"body\":\"GET /x\"}",
        LiveTap.json(t));
  }

  @Test
  void timeoutsReadAsDurations() {
    assertEquals(Duration.ofSeconds(30), LiveTap.duration("30s"));
    assertEquals(Duration.ofSeconds(7), LiveTap.duration("7"));
    assertEquals(Duration.ofMinutes(2), LiveTap.duration("2m"));
    assertEquals(Duration.ofMillis(500), LiveTap.duration("500ms"));
    assertThrows(IllegalArgumentException.class, () -> LiveTap.duration("soon"));
  }

  @Test
  void aComponentThatIsNotKafkaBackedIsRefusedSaying() throws Exception {
    Path conf = dir.resolve("a1.conf");
    Files.writeString(
        conf,
        "a1.sources = r1\na1.channels = c1\na1.sinks = k1\n"
            + "a1.sources.r1.type = seq\na1.sources.r1.channels = c1\n"
            + "a1.channels.c1.type = memory\n"
            + "a1.sinks.k1.type = logger\na1.sinks.k1.channel = c1\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    String[] memory = {"-n", "a1", "-f", conf.toString(), "--component", "c1"};
    assertEquals(2, LiveTap.run(memory, out, errors));
    assertTrue(
        err.toString()
            .contains(
                "tap: channel c1 (memory) is not Kafka-backed: tap reads the Kafka topics of a"
                    + " Kafka channel, sink or source. Agent a1 has no Kafka-backed component to"
                    + " tap."),
        err.toString());
    String[] missing = {"-n", "a1", "-f", conf.toString(), "--component", "c9"};
    assertEquals(2, LiveTap.run(missing, out, errors));
    assertTrue(err.toString().contains("has no source, channel or sink c9"), err.toString());
    String[] noCount = {"-n", "a1", "-f", conf.toString(), "--component", "c1", "--count", "0"};
    assertEquals(2, LiveTap.run(noCount, out, errors));
    assertTrue(err.toString().contains("--count 0"), err.toString());
    String[] many = {"-n", "a1", "-f", conf.toString(), "--component", "c1", "--count", "many"};
    assertEquals(2, LiveTap.run(many, out, errors));
    assertTrue(err.toString().contains("--count 'many' is not a number of events"), err.toString());
    String[] soon = {"-n", "a1", "-f", conf.toString(), "--component", "c1", "--timeout", "soon"};
    assertEquals(2, LiveTap.run(soon, out, errors));
    assertTrue(err.toString().contains("--timeout 'soon' is not a duration"), err.toString());
  }
}
