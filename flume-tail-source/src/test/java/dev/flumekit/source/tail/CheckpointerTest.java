package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
  @TempDir Path dir;

  @Test
  void positionsAWriteNowCouldNotSaveAreWrittenOnceTheDiskTakesThemAgain() throws Exception {
    // a file where the positions' directory should be: every write fails until it is gone
    Path blocked = Files.writeString(dir.resolve("state"), "not a directory");
    PositionFile file = new PositionFile(blocked.resolve("tail.positions"));
    Checkpointer checkpointer = new Checkpointer(file, 0, new TailSourceCounter("cp"), "cp");
    checkpointer.start();
    try {
      List<Position> positions =
          List.of(
              new Position(
                  new FileKey(1, 2),
                  Fingerprint.EMPTY,
                  0,
                  Paths.get("/var/log/app.log"),
                  FileIdentity.fresh()));
      assertFalse(checkpointer.writeNow(positions));
      assertTrue(checkpointer.failingForMs() > 0);
      Files.delete(blocked);
      Files.createDirectories(blocked);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (checkpointer.failingForMs() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(0, checkpointer.failingForMs(), "retried in the background, not dropped");
      assertEquals(positions, file.read());
    } finally {
      checkpointer.close();
    }
  }
}
