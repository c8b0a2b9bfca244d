package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContenderProcessTest {
  @TempDir Path dir;

  @Test
  void theChildPublishesItsWarmUpItsProgressSoFarAndItsResults() throws Exception {
    Path file = dir.resolve("c.progress");
    ContenderProcess.Child child = new ContenderProcess.Child(file);
    Files.createFile(dir.resolve("c.progress.go")); // the benchmark's go, given before the wait

    child.warmedUp();
    child.passed(1000);
    child.passed(3000);
    assertEquals(Map.of("warmed", 1L, "events", 3000L), RawProgress.read(file));

    child.done(Map.of("drainNanos", 42L));
    assertEquals(
        Map.of("warmed", 1L, "events", 3000L, "drainNanos", 42L, "done", 1L),
        RawProgress.read(file));
  }
}
