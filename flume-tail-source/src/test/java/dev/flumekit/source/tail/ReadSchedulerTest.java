package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order in which the scheduler hands lines on: older files before live ones, live files in
 * turns, a refused batch read again, a copy still being made read once. Real files, a fake clock.
 */
class ReadSchedulerTest {
  @TempDir Path dir;

  @RegisterExtension final SchedulerRig rig = new SchedulerRig(() -> dir);

  private static void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> bodies(List<Event> events) {
    return events.stream().map(e -> new String(e.getBody(), StandardCharsets.UTF_8)).toList();
  }

  private List<String> readBatch(int capacity) {
    TailBatch batch = new TailBatch(capacity);
    rig.scheduler().read(batch);
    rig.scheduler().committed(batch);
    return bodies(batch.events());
  }

  @Test
  void aRenamedFilesRestIsReadBeforeTheNewFilesLines() throws Exception {
    Path live = dir.resolve("app.log");
    append(live, "old 1\n");
    rig.start("app.log");
    assertEquals(List.of("old 1"), bodies(rig.readAll()));
    append(live, "old 2\n");
    Files.move(live, dir.resolve("app.log.1"));
    append(live, "new 1\n");

    assertEquals(List.of("old 2", "new 1"), bodies(rig.readAll()));
  }

  @Test
  void liveFilesTakeTurnsStartingABatch() throws Exception {
    append(dir.resolve("a.log"), "a 1\na 2\na 3\n");
    append(dir.resolve("b.log"), "b 1\nb 2\nb 3\n");
    rig.start("*.log");
    rig.advanceMillis(1000);

    String first = readBatch(2).get(0);
    String second = readBatch(2).get(0);

    assertEquals(
        List.of("a", "b"),
        List.of(first.substring(0, 1), second.substring(0, 1)).stream().sorted().toList(),
        "one busy file cannot starve the other: " + first + ", " + second);
  }

  @Test
  void aRefusedBatchIsReadAgainFromTheCommittedPosition() throws Exception {
    Path live = dir.resolve("app.log");
    append(live, "one\ntwo\n");
    rig.start("app.log");
    rig.advanceMillis(1000);
    TailBatch refused = new TailBatch(10);
    rig.scheduler().read(refused);
    assertEquals(List.of("one", "two"), bodies(refused.events()));
    rig.scheduler().rolledBack();

    assertEquals(List.of("one", "two"), bodies(rig.readAll()));
    assertEquals(List.of(), bodies(rig.readAll()));
  }

  @Test
  void aCopyTheGlobMatchesWhileItIsMadeIsReadOnce() throws Exception {
    Path live = dir.resolve("app.log");
    append(live, "2026-12-06 first line of the log\n");
    rig.start("app.log*", "fingerprintBytes", "16");
    assertEquals(1, rig.readAll().size());
    append(live, "2026-12-06 second line\n");
    Files.copy(live, dir.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);

    // copied, not yet truncated: the copy waits; the live file's new line is read as usual
    assertEquals(List.of("2026-12-06 second line"), bodies(rig.readAll()));
    try (FileChannel c = FileChannel.open(live, StandardOpenOption.WRITE)) {
      c.truncate(0);
    }
    append(live, "2026-12-06 after the rotation\n");

    assertEquals(List.of("2026-12-06 after the rotation"), bodies(rig.readAll()));
    assertEquals(List.of(), bodies(rig.readAll()));
  }
}
