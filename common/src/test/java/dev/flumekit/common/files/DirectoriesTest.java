package dev.flumekit.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path dir;

  @Test
  void aWritableDirectoryOrOneThatCanBeCreatedPassesAndIsLeftAsItWas() throws Exception {
    assertEquals(Optional.empty(), Directories.unwritable("positions directory", dir));
    assertEquals(
        Optional.empty(), Directories.unwritable("positions directory", dir.resolve("a/b")));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "the probe's file is deleted");
    }
  }

  @Test
  void theKernelsPseudoFileSystemsAreNamedEvenForRoot() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
    String problem =
        Directories.unwritable("positions directory", Path.of("/proc/flumekit")).orElseThrow();
    assertEquals(
        "positions directory /proc/flumekit: /proc is on the kernel's proc file system, which"
            + " keeps no files: choose a directory on a disk",
        problem);
  }

  @Test
  void aDirectoryNoFileCanBeCreatedInIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertEquals(
        Optional.of("dead-letter directory " + file + "/dlq: " + file + " is not a directory"),
        Directories.unwritable("dead-letter directory", file.resolve("dlq")));
  }

  @Test
  void homeRelativePathsAreTheAgentUsersWhereverTheCheckStarts() {
    String home = System.getProperty("user.home");
    assertEquals(
        Path.of(home, ".flume/flumekit/dead-letters"),
        UserPaths.resolve("~/.flume/flumekit/dead-letters"));
    assertEquals(Path.of("/srv/dlq"), UserPaths.resolve("/srv/dlq"));
    List<String> problems =
        Directories.ofDeadLetters(
            DeadLetterPolicy.parse("topic:dlq"), "~/.flume/flumekit/dead-letters");
    assertTrue(problems.isEmpty(), problems.toString());
  }
}
