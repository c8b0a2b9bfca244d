package dev.flumekit.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {
  @TempDir Path dir;

  @Test
  void replacesTheWholeContentAndLeavesNothingAside() throws Exception {
    Path file = dir.resolve("state/positions");
    DurableFile.replace(file, "a long first content\n".getBytes(StandardCharsets.UTF_8));
    DurableFile.replace(file, "short\n".getBytes(StandardCharsets.UTF_8));

    assertEquals("short\n", Files.readString(file));
    assertFalse(Files.exists(dir.resolve("state/positions.tmp")));
  }
}
