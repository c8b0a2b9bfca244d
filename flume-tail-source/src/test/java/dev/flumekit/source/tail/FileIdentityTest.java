package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's identity in line ids is one per file instance, whatever the file holds: files that begin
 * with the same lines (a W3C header, a CSV header, an empty line) are different files; a rename, a
 * restart and a copytruncate copy keep it; a truncated file begins a new one. And no rotation loses
 * a line, however long the file was idle before it. Real files in a temporary directory, a fake
 * clock.
 */
class FileIdentityTest {
  private static final String W3C_HEADER =
      "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n";

  @TempDir Path dir;

  @RegisterExtension final SchedulerRig rig = new SchedulerRig(() -> dir);

  private static String body(Event e) {
    return new String(e.getBody(), StandardCharsets.UTF_8);
  }

  private static String identity(Event e) {
    String id = e.getHeaders().get("lineId");
    return id.substring(0, id.indexOf(':'));
  }

  private static long offset(Event e) {
    String id = e.getHeaders().get("lineId");
    return Long.parseLong(id.substring(id.indexOf(':') + 1));
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String lines(String prefix, int from, int count) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      s.append(prefix).append(' ').append(i).append('\n');
    }
    return s.toString();
  }

  /** logrotate's copytruncate: copy the file, then truncate it in place. */
  private static void copytruncate(Path file, Path copy) throws Exception {
    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(0);
    }
  }

  /**
   * Starts on {@code glob}, saves the files' identities at offset 0 as the source does before a new
   * file's first line leaves, reads and commits every line, then stops as kill -9 does: the
   * positions after those lines are never written. Returns the lines that left.
   */
  private List<Event> readThenKilledBeforePositionsSaved(String glob) throws Exception {
    rig.start(glob);
    new PositionFile(rig.positionsPath()).write(rig.scheduler().positions());
    List<Event> sent = rig.readAll();
    rig.close();
    return sent;
  }

  private static Map<String, List<Event>> byIdentity(List<Event> events) {
    Map<String, List<Event>> by = new LinkedHashMap<>();
    events.forEach(e -> by.computeIfAbsent(identity(e), k -> new ArrayList<>()).add(e));
    return by;
  }

  @Test
  void filesThatBeginWithTheSameLinesAreDifferentFiles() throws Exception {
    for (String name : List.of("a.log", "b.log", "c.log")) {
      append(dir.resolve(name), W3C_HEADER + lines(name, 0, 5));
    }
    append(dir.resolve("empty-first.log"), "\n" + lines("e", 0, 5));
    append(dir.resolve("empty-second.log"), "\n" + lines("f", 0, 5));
    rig.start("*.log");
    List<Event> read = rig.readAll();
    assertEquals(3 * 7 + 2 * 6, read.size());
    Map<String, List<Event>> by = byIdentity(read);
    assertEquals(5, by.size(), "one identity per file: " + by.keySet());
    Set<String> ids = new HashSet<>();
    read.forEach(e -> assertTrue(ids.add(e.getHeaders().get("lineId")), "unique line ids"));
    for (List<Event> one : by.values()) {
      assertEquals(1, one.stream().map(e -> e.getHeaders().get("file")).distinct().count());
    }
  }

  @Test
  void anIdentityIsKeptThroughARenameAndARestart() throws Exception {
    Path live = dir.resolve("app.log");
    append(live, W3C_HEADER + lines("x", 0, 3));
    rig.start("app.log*");
    String first = identity(rig.readAll().get(0));

    rig.restart();
    append(live, lines("x", 3, 2));
    List<Event> afterRestart = rig.readAll();
    assertEquals(List.of("x 3", "x 4"), afterRestart.stream().map(FileIdentityTest::body).toList());
    afterRestart.forEach(e -> assertEquals(first, identity(e)));

    Files.move(live, dir.resolve("app.log.1"));
    append(live, W3C_HEADER + lines("y", 0, 2));
    append(dir.resolve("app.log.1"), lines("x", 5, 1));
    List<Event> rotated = rig.readAll();
    Map<String, List<Event>> by = byIdentity(rotated);
    assertEquals(List.of("x 5"), by.get(first).stream().map(FileIdentityTest::body).toList());
    assertEquals(2, by.size(), "the new file under the old name is a new file: " + by.keySet());
  }

  @Test
  void aCopytruncateCopyContinuesItsFileAndTheTruncatedFileBeginsANewIdentity() throws Exception {
    Path live = dir.resolve("app.log");
    append(live, W3C_HEADER + lines("x", 0, 3));
    rig.start("app.log");
    List<Event> before = rig.readAll();
    String first = identity(before.get(0));
    long lastOffset = offset(before.get(before.size() - 1));

    append(live, lines("x", 3, 2)); // written, not read yet, when logrotate copies
    copytruncate(live, dir.resolve("app.log.1"));
    append(live, W3C_HEADER + lines("z", 0, 1));
    List<Event> after = rig.readAll();
    assertEquals(
        List.of(
            "x 3",
            "x 4",
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "z 0"),
        after.stream().map(FileIdentityTest::body).toList());
    assertEquals(first, identity(after.get(0)));
    assertEquals(first, identity(after.get(1)));
    assertTrue(offset(after.get(0)) > lastOffset, "the copy continues the file's offsets");
    String second = identity(after.get(2));
    assertNotEquals(first, second);
    assertEquals(0, offset(after.get(2)));
  }

  @Test
  void anIdleFileRotatedByCopytruncateLosesNoLine() throws Exception {
    for (String glob : List.of("app.log", "app.log*")) {
      Path live = dir.resolve("app.log");
      Files.deleteIfExists(live);
      Files.deleteIfExists(dir.resolve("app.log.1"));
      Files.deleteIfExists(dir.resolve("state/tail.positions"));
      append(live, lines("a", 0, 200));
      rig.start(glob);
      List<Event> read = new ArrayList<>(rig.readAll());
      int written = 200;
      for (int round = 0; round < 3; round++) {
        rig.advanceMillis(10_000); // past idleTimeout: the file is closed at the next listing
        read.addAll(rig.readAll());
        copytruncate(live, dir.resolve("app.log.1"));
        int count = 10 * (round + 1);
        append(live, lines("r" + round, 0, count));
        written += count;
        read.addAll(rig.readAll());
      }
      assertEquals(written, read.size(), glob + ": every line once");
      assertEquals(written, read.stream().map(FileIdentityTest::body).distinct().count(), glob);
      rig.close();
    }
  }

  /**
   * logrotate's "rotate 1" with copytruncate: the old copy is deleted and the new one created,
   * often on the inode just freed, which the source still tracks (closed, idle) under the old
   * copy's identity; the truncation of the live file is seen before the next listing.
   */
  @Test
  void aCopyOnTheInodeOfTheOldCopyContinuesTheLiveFilesLinesReadBeforeTheNextListing()
      throws Exception {
    Path live = dir.resolve("app.log");
    Path old = dir.resolve("app.log.1");
    append(old, lines("old", 0, 3));
    append(live, lines("x", 0, 3));
    rig.start("app.log*");
    List<Event> first = rig.readAll();
    assertEquals(6, first.size());
    rig.advanceMillis(10_000);
    rig.readAll(); // both idle: closed at this listing
    long oldInode = FileKey.stat(old).key().inode();
    append(live, lines("x", 3, 1)); // written, not read yet, when logrotate rotates
    Files.delete(old);
    Files.copy(live, old);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        FileKey.stat(old).key().inode() == oldInode, "the file system reused the inode");
    try (FileChannel c = FileChannel.open(live, StandardOpenOption.WRITE)) {
      c.truncate(0);
    }
    append(live, lines("n", 0, 1));
    // no listing before this read: the live file's truncation is seen first
    List<Event> read = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      TailBatch batch = new TailBatch(1000);
      rig.scheduler().read(batch);
      rig.scheduler().committed(batch);
      read.addAll(batch.events());
    }
    read.addAll(rig.readAll());
    assertEquals(
        List.of("n 0", "x 3"),
        read.stream().map(FileIdentityTest::body).sorted().toList(),
        "each line once: the copy continues the live file's lines");
  }

  /**
   * Two CSV exports with the same header, one holding only its header, rotated by copytruncate at
   * the same moment: each file's copy is its own (named after it), and neither file is taken for
   * the other's copy.
   */
  @Test
  void twoFilesWithTheSameShortHeaderTruncatedTogetherKeepTheirOwnLines() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    append(a, "ts,user\n");
    append(b, "ts,user\n" + lines("b", 1, 2));
    rig.start("*.csv");
    assertEquals(4, rig.readAll().size());
    append(b, lines("b", 3, 1)); // written, not read yet, when both are rotated
    copytruncate(a, dir.resolve("a.csv.1"));
    copytruncate(b, dir.resolve("b.csv.1"));
    append(b, "ts,user\n" + lines("bnew", 0, 1));
    List<Event> read = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      TailBatch batch = new TailBatch(1000);
      rig.scheduler().read(batch);
      rig.scheduler().committed(batch);
      read.addAll(batch.events());
    }
    read.addAll(rig.readAll());
    assertEquals(
        List.of("b 3", "bnew 0", "ts,user"),
        read.stream().map(FileIdentityTest::body).sorted().toList());
    Map<String, List<Event>> by = byIdentity(read);
    assertEquals(2, by.size(), "b's copy continues b; b's new content is new: " + by.keySet());
  }

  @Test
  void aVersionOnePositionsFileKeepsTheFirstLineIdentityItsLinesWereSentWith() throws Exception {
    Path live = dir.resolve("app.log");
    String text = W3C_HEADER + lines("x", 0, 3);
    append(live, text);
    FileKey.Stat stat = FileKey.stat(live);
    Files.createDirectories(dir.resolve("state"));
    Fingerprint head;
    String legacy;
    try (FileChannel c = FileChannel.open(live, StandardOpenOption.READ)) {
      head = Fingerprint.of(c, 512);
      legacy = FileIdentity.ofFirstLine(c);
    }
    Files.writeString(
        dir.resolve("state/tail.positions"),
        "flumekit-tail-positions 1\n"
            + stat.key().device()
            + "\t"
            + stat.key().inode()
            + "\t"
            + text.length()
            + "\t"
            + head.length()
            + "\t"
            + head.checksum()
            + "\t"
            + live
            + "\n");
    rig.start("app.log");
    append(live, lines("x", 3, 1));
    List<Event> read = rig.readAll();
    assertEquals(List.of("x 3"), read.stream().map(FileIdentityTest::body).toList());
    assertEquals(legacy, identity(read.get(0)));
    assertEquals(legacy, rig.scheduler().positions().get(0).identity());
  }

  @Test
  void aNewFilesIdentityMustBeSavedBeforeItsLinesLeave() throws Exception {
    rig.start("*.log");
    append(dir.resolve("new.log"), "one\n");
    rig.advanceMillis(1000);
    TailBatch batch = new TailBatch(10);
    rig.scheduler().read(batch);
    assertEquals(1, batch.size());
    assertTrue(rig.scheduler().carriesUnsavedIdentity(batch));
    List<Position> positions = rig.scheduler().positions();
    new PositionFile(rig.positionsPath()).write(positions);
    rig.scheduler().identitiesSaved(positions);
    assertFalse(rig.scheduler().carriesUnsavedIdentity(batch));
    assertEquals(identity(batch.events().get(0)), positions.get(0).identity());
  }

  /**
   * Killed after its first lines left and before their positions were saved: the positions file
   * holds the file's identity at offset 0 (saved before its first line left). Rotated by
   * copytruncate while the source was down, the copy is read again under that identity from offset
   * 0, so the lines that had left carry the same ids again (a loader counting once skips them); the
   * truncated file's new lines start a new identity.
   */
  @Test
  void aCopyMadeWhileStoppedOfAFileWhoseLinesLeftBeforeItsPositionWasSavedKeepsItsIds()
      throws Exception {
    Path live = dir.resolve("access.log");
    append(live, lines("GET /course/17 HTTP/1.1 200", 0, 40));
    List<Event> sent = readThenKilledBeforePositionsSaved("access.log*");
    assertEquals(40, sent.size());

    copytruncate(live, dir.resolve("access.log.1"));
    append(live, lines("GET /course/18 HTTP/1.1 200", 0, 3));
    rig.start("access.log*");
    List<Event> again = rig.readAll();

    Map<String, String> idByLine = new LinkedHashMap<>();
    sent.forEach(e -> idByLine.put(body(e), e.getHeaders().get("lineId")));
    List<Event> repeats = again.stream().filter(e -> idByLine.containsKey(body(e))).toList();
    assertEquals(40, repeats.size(), "the copy's lines are read again");
    for (Event e : repeats) {
      assertEquals(idByLine.get(body(e)), e.getHeaders().get("lineId"), "same id: " + body(e));
    }
    List<Event> fresh = again.stream().filter(e -> !idByLine.containsKey(body(e))).toList();
    assertEquals(3, fresh.size());
    assertNotEquals(identity(sent.get(0)), identity(fresh.get(0)), "new content, new identity");
  }

  /**
   * The same with a file too short for its first bytes to tell a copy from a file beginning alike:
   * the copy is read as a file of its own (said in a warning), so its lines leave again under a new
   * identity; none is lost.
   */
  @Test
  void aCopyMadeWhileStoppedOfAFileTooShortToTellIsReadAsItsOwnAndLosesNoLine() throws Exception {
    Path live = dir.resolve("access.log");
    append(live, lines("GET /a", 0, 3));
    List<Event> sent = readThenKilledBeforePositionsSaved("access.log*");

    copytruncate(live, dir.resolve("access.log.1"));
    append(live, lines("GET /b", 0, 2));
    rig.start("access.log*");
    List<String> again = rig.readAll().stream().map(FileIdentityTest::body).toList();
    assertEquals(3, sent.size());
    assertEquals(
        Set.of("GET /a 0", "GET /a 1", "GET /a 2", "GET /b 0", "GET /b 1"), new HashSet<>(again));
  }

  /**
   * While the source was down, a file resumed at offset 0 was copytruncated and an unrelated file
   * beginning with the same long header appeared beside it: only the copy named after the file
   * continues its ids; the other file's lines carry ids of their own (taken for the copy, they
   * would carry ids already sent, and a loader counting once would skip them).
   */
  @Test
  void anUnrelatedFileBeginningWithTheSameLongHeaderIsNotTakenForTheCopy() throws Exception {
    StringBuilder header = new StringBuilder("time,host,course");
    for (int i = 0; i < 60; i++) {
      header.append(",column").append(i);
    }
    header.append('\n');
    Path b = dir.resolve("b.csv");
    append(b, header + lines("b", 0, 5));
    List<Event> sent = readThenKilledBeforePositionsSaved("*.csv*");

    copytruncate(b, dir.resolve("b.csv.1"));
    append(b, lines("b", 5, 2));
    append(dir.resolve("a.csv"), header + lines("a", 0, 5));
    rig.start("*.csv*");
    List<Event> again = rig.readAll();

    String bIdentity = identity(sent.get(0));
    Set<String> aIds = new HashSet<>();
    for (Event e : again) {
      if (body(e).startsWith("a ")) {
        assertNotEquals(bIdentity, identity(e), body(e));
        aIds.add(e.getHeaders().get("lineId"));
      } else if (body(e).equals("b 0")) {
        assertEquals(sent.get(1).getHeaders().get("lineId"), e.getHeaders().get("lineId"));
      }
    }
    assertEquals(5, aIds.size(), "every line of a.csv, under ids of its own");
  }
}
