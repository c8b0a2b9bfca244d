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

class SampleInputsTest {
  @TempDir Path dir;

  @Test
  void linesAreSplitWithoutDecodingSoABadByteStays() throws IOException {
    Path f = dir.resolve("in.log");
    Files.write(f, new byte[] {'a', (byte) 0xc3, '\r', '\n', 'b'});
    List<SampleEvent> events = SampleInputs.ofSource(null, f);
    assertEquals(2, events.size());
    assertArrayEquals(new byte[] {'a', (byte) 0xc3}, events.get(0).body());
    assertArrayEquals(new byte[] {'b'}, events.get(1).body());
  }

  @Test
  void aSinkTakesJsonLinesAsTestPrintsThemOrRawLines() throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.writeString(
        f,
        "{\"line\":1,\"body\":\"x y\",\"headers\":{\"course\":\"112\"},\"channel kafka\":{}}\n"
            + "\n"
            + "raw line\n");
    List<SampleEvent> events = SampleInputs.ofSink(f);
    assertEquals(2, events.size());
    assertEquals("x y", new String(events.get(0).body(), StandardCharsets.UTF_8));
    assertEquals(Map.of("course", "112"), events.get(0).headers());
    assertEquals(3, events.get(1).line());
    assertEquals("raw line", new String(events.get(1).body(), StandardCharsets.UTF_8));
  }

  @Test
  void aDroppedEventIsNoInput() throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.writeString(f, "{\"line\":1,\"dropped\":true}\n");
    IOException e = assertThrows(IOException.class, () -> SampleInputs.ofSink(f));
    assertTrue(e.getMessage().contains("line 1: no \"body\""), e.getMessage());
  }
}
