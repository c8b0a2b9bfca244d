package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleTestsTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("a.tests");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void eachFailedAssertionIsNamedWithItsLineAndBothValues() throws IOException {
    Path f =
        file(
            "# the collector's",
            "source = tail",
            "",
            "[a click]",
            "input = one",
            "headers.course = 112",
            "channel kafka.topic = course-clicks",
            "channel kafka.deadLetter = (absent)",
            "channel kafka.key ~ 203",
            "events = 1");
    SampleTests tests = SampleTests.parse(f);
    assertEquals("source tail", tests.component());
    SampleOutput out =
        new SampleOutput(
            1,
            "one".getBytes(StandardCharsets.UTF_8),
            Map.of("course", "98"),
            Map.of("channel kafka", Map.of("topic", "course-clicks", "deadLetter", "x: y")));
    List<String> failures = tests.run(f, input -> List.of(out), dir);
    assertEquals(
        List.of(
            f + ":6: [a click] headers.course expected 112, got 98",
            f + ":8: [a click] channel kafka.deadLetter expected (absent), got x: y",
            f + ":9: [a click] channel kafka.key should contain 203, got (absent)"),
        failures);
  }

  @Test
  void theInputReachesTheRunnerAsBytesWithEscapes() throws IOException {
    Path f = file("sink = hbase", "[bad byte]", "input = a\\xffb\\\\c", "events = 1");
    byte[][] seen = new byte[1][];
    List<String> failures =
        SampleTests.parse(f)
            .run(
                f,
                input -> {
                  seen[0] = Files.readAllBytes(input);
                  return List.of(SampleOutput.dropped(1));
                },
                dir);
    assertEquals(List.of(), failures);
    assertArrayEquals(new byte[] {'a', (byte) 0xff, 'b', '\\', 'c', '\n'}, seen[0]);
  }

  @Test
  void aFileWithoutItsComponentOrWithABadLineIsRefusedNamingTheLine() throws IOException {
    Path noComponent = file("[t]", "input = x");
    IOException e = assertThrows(IOException.class, () -> SampleTests.parse(noComponent));
    assertTrue(e.getMessage().contains("source = NAME or sink = NAME, first"), e.getMessage());
    Path early = file("source = tail", "headers.x = 1", "[t]", "input = x");
    e = assertThrows(IOException.class, () -> SampleTests.parse(early));
    assertTrue(e.getMessage().contains(":2: 'headers.x' before the first [test]"), e.getMessage());
    Path bad = file("source = tail", "[t]", "input = x", "headers.course 112");
    e = assertThrows(IOException.class, () -> SampleTests.parse(bad));
    assertTrue(e.getMessage().contains(":4: 'headers.course 112' is not"), e.getMessage());
    Path badHex = file("source = tail", "[t]", "input = \\xzz");
    e = assertThrows(IOException.class, () -> SampleTests.parse(badHex));
    assertTrue(e.getMessage().contains("\\xzz is not two hex digits"), e.getMessage());
  }
}
