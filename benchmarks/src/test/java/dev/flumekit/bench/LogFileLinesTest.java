package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileLinesTest {
  @Test
  void linesWithTheirOffsetsAndAnUnfinishedLineWaitsForItsNewline(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "first\nsecond\nthi");
    try (InputStream in = Files.newInputStream(log);
        OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
      LogFileLines lines = new LogFileLines(in);
      assertTrue(lines.next());
      assertEquals("first", new String(lines.line(), StandardCharsets.UTF_8));
      assertEquals(0, lines.lineOffset());
      assertTrue(lines.next());
      assertEquals("second", new String(lines.line(), StandardCharsets.UTF_8));
      assertEquals(6, lines.lineOffset());
      assertFalse(lines.next());
      assertEquals(13, lines.nextOffset());

      out.write("rd\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertTrue(lines.next());
      assertEquals("third", new String(lines.line(), StandardCharsets.UTF_8));
      assertEquals(13, lines.lineOffset());
      assertEquals(19, lines.nextOffset());
    }
  }

  @Test
  void aLineLongerThanTheBuffer(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    String longLine = "x".repeat(3 << 20);
    Files.writeString(log, longLine + "\nshort\n");
    try (InputStream in = Files.newInputStream(log)) {
      LogFileLines lines = new LogFileLines(in);
      assertTrue(lines.next());
      assertEquals(longLine.length(), lines.line().length);
      assertTrue(lines.next());
      assertEquals("short", new String(lines.line(), StandardCharsets.UTF_8));
      assertEquals(longLine.length() + 1, lines.lineOffset());
    }
  }
}
