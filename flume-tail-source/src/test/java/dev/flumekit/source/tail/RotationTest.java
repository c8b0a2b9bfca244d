package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Rotation} decides a rotation did, case by case (renames, copytruncate, truncation,
 * files rewritten in place, files that begin alike): real files in a temporary directory (the file
 * system's own device and inode numbers, copies and truncations as logrotate makes them) and a fake
 * clock for idleness and the copy wait. Fingerprints are 16 bytes here, so a line of 16 bytes or
 * more identifies a file's start.
 */
class RotationTest {
  private static final long IDLE_MS = 5_000;
  private static final String LINE_1 = "2026-12-06 first line\n";
  private static final String LINE_2 = "2026-12-06 second line\n";
  private static final String LINE_3 = "2026-12-06 third line\n";

  @TempDir Path dir;

  private final long[] now = {0};
  private TailSourceConfig config;
  private TailReading reading;
  private Rotation rotation;
  private final List<TailedFile> files = new ArrayList<>();

  @BeforeEach
  void setUp() {
    config =
        TailSourceConfig.parse(
            "tail",
            Map.of(
                "filegroups", "logs",
                "filegroups.logs", dir.resolve("*.log").toString(),
                "positionFile", dir.resolve("state/tail.positions").toString(),
                "fingerprintBytes", "16",
                "idleTimeout", Long.toString(IDLE_MS)));
    EventFactory events =
        new EventFactory(StandardCharsets.UTF_8, "file", null, null, "h", "truncated", "lineId");
    reading = new TailReading(config, events, new TailSourceCounter("tail"), () -> now[0]);
    rotation = new Rotation("tail", reading, IDLE_MS * 1_000_000L);
  }

  @AfterEach
  void close() {
    files.forEach(TailedFile::close);
  }

  private void advanceMillis(long ms) {
    now[0] += ms * 1_000_000L;
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Truncates {@code file} in place, as copytruncate does: same inode, no bytes. */
  private static void truncate(Path file) throws Exception {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(0);
    }
  }

  private static Fingerprint head(Path file) throws Exception {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      return Fingerprint.of(c, 16);
    }
  }

  /** A tracked, open file whose every line was read and committed (as the source leaves it). */
  private TailedFile trackedAndRead(Path file) throws Exception {
    TailedFile f =
        new TailedFile(
            config.groups().get(0),
            file,
            FileKey.stat(file).key(),
            head(file),
            0,
            FileIdentity.fresh(),
            TailedFile.Standing.LIVE,
            reading);
    f.open();
    files.add(f);
    readAndCommit(f);
    return f;
  }

  private static List<String> readAndCommit(TailedFile f) throws Exception {
    TailBatch batch = new TailBatch(1000);
    f.read(batch);
    f.committedBatch();
    List<String> lines = new ArrayList<>();
    for (Event e : batch.events()) {
      lines.add(new String(e.getBody(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private Set<FileKey> trackedKeys() {
    Set<FileKey> keys = new HashSet<>();
    files.forEach(f -> keys.add(f.key()));
    return keys;
  }

  private Rotation.Change check(TailedFile f) throws Exception {
    Set<FileKey> tracked = trackedKeys();
    return rotation.check(f, List.copyOf(files), tracked::contains);
  }

  private Rotation.NewFile classify(Path file) throws Exception {
    FileKey.Stat stat = FileKey.stat(file);
    return rotation.classifyNew(stat.key(), file, head(file), stat.size(), List.copyOf(files));
  }

  @Test
  void aRenamedFileIsReadBeforeTheLiveFilesAndRetiredWhenNoGlobMatchesIt() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    assertFalse(f.readFirst());

    Path renamed = dir.resolve("app-1.log");
    Files.move(log, renamed);
    rotation.listedAt(f, renamed);
    assertEquals(renamed, f.path());
    assertEquals(TailedFile.Standing.OLDER, f.standing());

    rotation.unlisted(f);
    assertEquals(TailedFile.Standing.RETIRED, f.standing());
    assertEquals(1, reading.counter().getRenamesFollowed());

    rotation.listedAt(f, renamed);
    assertEquals(TailedFile.Standing.OLDER, f.standing(), "matched again: older than live files");
    assertTrue(f.readFirst());
  }

  @Test
  void aFileListedUnderItsOwnNameStaysLive() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    rotation.listedAt(f, log);
    assertEquals(TailedFile.Standing.LIVE, f.standing());
  }

  @Test
  void aFileThatOnlyGrewIsUnchanged() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    append(log, LINE_2);
    assertEquals(Rotation.Change.Kind.UNCHANGED, check(f).kind());
    assertEquals(List.of(LINE_2.strip()), readAndCommit(f));
  }

  @Test
  void anIdleFileRotatedByCopytruncateIsContinuedByItsCopyAndRestarted() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    String identity = f.identity();
    advanceMillis(IDLE_MS * 10); // idle long before the rotation
    append(log, LINE_2); // written after the last read, before the copy
    Files.copy(log, dir.resolve("app.log.1"));
    truncate(log);
    append(log, LINE_3);

    Rotation.Change change = check(f);

    assertEquals(Rotation.Change.Kind.TRUNCATED_COPY_FOUND, change.kind());
    TailedFile copy = change.readFirst();
    files.add(copy);
    assertEquals(dir.resolve("app.log.1"), copy.path());
    assertEquals(identity, copy.identity(), "the copy continues the file's line ids");
    assertEquals(LINE_1.length(), copy.committed());
    assertEquals(List.of(LINE_2.strip()), readAndCommit(copy), "only what was not read yet");
    assertNotEquals(identity, f.identity(), "the truncated file begins a new sequence");
    assertEquals(List.of(LINE_3.strip()), readAndCommit(f));
  }

  @Test
  void aFileTruncatedToAShorterFileWithNoCopyIsReadFromItsStart() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1 + LINE_2);
    TailedFile f = trackedAndRead(log);
    String identity = f.identity();
    write(log, "short\n");

    assertSame(Rotation.Change.TRUNCATED, check(f));
    assertEquals(0, f.committed());
    assertNotEquals(identity, f.identity());
    assertEquals(List.of("short"), readAndCommit(f));
  }

  @Test
  void aFileRewrittenInPlacePastItsOldPositionIsReadFromItsStart() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    // same inode, longer than what was read, other first bytes: not the content that was read
    write(log, LINE_3 + LINE_2 + LINE_1);

    assertSame(Rotation.Change.TRUNCATED, check(f));
    assertEquals(List.of(LINE_3.strip(), LINE_2.strip(), LINE_1.strip()), readAndCommit(f));
  }

  @Test
  void aFileRewrittenWhileItsOldLinesAreInTheOpenBatchEndsTheBatch() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    TailedFile f = trackedAndRead(log);
    append(log, LINE_2);
    f.read(new TailBatch(1000)); // LINE_2 out in a batch not committed yet
    truncate(log);

    assertSame(Rotation.Change.BATCH_ENDS, check(f));
    assertEquals(LINE_1.length(), f.committed(), "nothing restarted before the batch commits");
  }

  @Test
  void aCopyStillBeingWrittenWaitsForItsOriginalsTruncationThenContinuesIt() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1 + LINE_2);
    TailedFile f = trackedAndRead(log);
    Path copy = dir.resolve("app-1.log"); // matched by the glob too
    write(copy, LINE_1); // copytruncate has copied the first line so far

    assertSame(Rotation.NewFile.LATER, classify(copy));
    append(copy, LINE_2);
    advanceMillis(Rotation.COPY_WAIT_NANOS / 1_000_000 - 1);
    assertSame(Rotation.NewFile.LATER, classify(copy), "still within the copy wait");

    truncate(log);
    Rotation.NewFile found = classify(copy);
    assertEquals(Rotation.NewFile.Kind.COPY, found.kind());
    assertSame(f, found.original());
  }

  @Test
  void aFileThatStartsLikeATrackedOneIsItsOwnOnceTheCopyWaitIsOver() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1 + LINE_2);
    trackedAndRead(log);
    Path other = dir.resolve("other.log");
    write(other, LINE_1);

    assertSame(Rotation.NewFile.LATER, classify(other));
    advanceMillis(Rotation.COPY_WAIT_NANOS / 1_000_000);
    assertSame(Rotation.NewFile.OWN, classify(other));
  }

  @Test
  void aFileLongerThanTheTrackedFileItStartsLikeIsItsOwnAtOnce() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, LINE_1);
    trackedAndRead(log);
    Path other = dir.resolve("other.log");
    write(other, LINE_1 + LINE_2); // a copy is never longer than its original

    assertSame(Rotation.NewFile.OWN, classify(other));
  }

  @Test
  void aFileThatBeginsWithTheSameShortHeaderAsItsPredecessorIsItsOwn() throws Exception {
    // the header is shorter than a fingerprint: it cannot tell a copy from another file
    Path first = dir.resolve("a.csv");
    write(first, "id,name\n1,ann\n");
    TailedFile f = trackedAndRead(first);
    truncate(first);
    Path next = dir.resolve("b.csv");
    write(next, "id,name\n");

    assertSame(Rotation.NewFile.OWN, classify(next));
    assertSame(Rotation.Change.TRUNCATED, check(f));
  }

  @Test
  void filesWithEmptyFirstLinesAreNotTakenForEachOther() throws Exception {
    Path first = dir.resolve("a.log");
    write(first, "\n\n" + LINE_1);
    trackedAndRead(first);
    Path next = dir.resolve("b.log");
    write(next, "\n");

    assertSame(Rotation.NewFile.OWN, classify(next));
  }

  /** The two tracked files of a copytruncate onto a reused inode, and the live file's identity. */
  private record InodeReuse(TailedFile oldCopy, TailedFile live, String liveIdentity) {}

  /**
   * logrotate's "rotate 1" with copytruncate: the old copy (tracked, idle, all read) is deleted and
   * its inode goes to the new copy, of the live file with one line not read yet; the live file is
   * truncated. The reused inode is written in place here.
   */
  private InodeReuse copytruncateOntoTheOldCopysInode() throws Exception {
    Path log = dir.resolve("app.log");
    Path old = dir.resolve("app.log.1");
    write(old, "the previous rotation's copy\n");
    TailedFile oldCopy = trackedAndRead(old);
    write(log, LINE_1);
    TailedFile live = trackedAndRead(log);
    String identity = live.identity();
    advanceMillis(IDLE_MS);
    append(log, LINE_2);
    write(old, LINE_1 + LINE_2);
    truncate(log);
    return new InodeReuse(oldCopy, live, identity);
  }

  @Test
  void aTruncatedFilesCopyOnTheInodeOfAnIdleTrackedFileIsReadFromThere() throws Exception {
    InodeReuse r = copytruncateOntoTheOldCopysInode();

    Rotation.Change change = check(r.live());

    assertEquals(Rotation.Change.Kind.TRUNCATED_COPY_TRACKED, change.kind());
    assertSame(r.oldCopy(), change.readFirst());
    assertEquals(r.liveIdentity(), r.oldCopy().identity());
    assertEquals(List.of(LINE_2.strip()), readAndCommit(r.oldCopy()));
  }

  @Test
  void anIdleTrackedFileNowHoldingTheCopyOfATruncatedFileContinuesIt() throws Exception {
    InodeReuse r = copytruncateOntoTheOldCopysInode();

    // the old copy's check comes first this time: it finds the live file truncated
    Rotation.Change change = check(r.oldCopy());

    assertEquals(Rotation.Change.Kind.CONTINUES, change.kind());
    assertSame(r.oldCopy(), change.readFirst());
    assertEquals(r.liveIdentity(), r.oldCopy().identity());
    assertEquals(List.of(LINE_2.strip()), readAndCommit(r.oldCopy()));
  }

  @Test
  void aFileStillBeingWrittenIsNeverTakenForAnothersCopy() throws Exception {
    Path log = dir.resolve("app.log");
    Path other = dir.resolve("other.log");
    write(other, "another log\n");
    TailedFile busy = trackedAndRead(other);
    write(log, LINE_1);
    trackedAndRead(log);
    append(log, LINE_2);
    // not quiet for idleTimeout: a file being written is truncated in place, never replaced
    write(other, LINE_1 + LINE_2);
    truncate(log);

    assertSame(Rotation.Change.TRUNCATED, check(busy));
  }

  @Test
  void aTrackedFileRewrittenAsACopyInProgressWaits() throws Exception {
    Path log = dir.resolve("app.log");
    Path old = dir.resolve("app.log.1");
    write(old, "the previous rotation's copy\n");
    TailedFile oldCopy = trackedAndRead(old);
    write(log, LINE_1 + LINE_2);
    trackedAndRead(log);
    advanceMillis(IDLE_MS);
    write(old, LINE_1); // copytruncate is copying onto the reused inode; app.log not truncated yet

    assertSame(Rotation.Change.COPY_IN_PROGRESS, check(oldCopy));
    advanceMillis(Rotation.COPY_WAIT_NANOS / 1_000_000);
    assertSame(Rotation.Change.TRUNCATED, check(oldCopy), "after the wait: a file of its own");
  }

  /** Line {@code i} of a file's content, all 29 bytes long, so offsets line up across contents. */
  private static String line(String content, int i) {
    return String.format("2026-12-06 %s line %08d\n", content, i);
  }

  private static String lines(String content, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(line(content, i));
    }
    return text.toString();
  }

  /**
   * The check is made before a read, never after: a copytruncate that happens between the check and
   * the read (or between two chunks of one read), with the file regrown past the read position
   * before the read, makes the read take the new content's bytes for the old content's rest. Their
   * offsets are committed, and the copy is then read from there: the old lines in between are lost.
   */
  @Test
  void aCopytruncateBetweenTheCheckAndTheReadLosesNoLine() throws Exception {
    Path log = dir.resolve("app.log");
    write(log, lines("old", 0, 10));
    TailedFile f = trackedAndRead(log); // old 0..9 read and committed
    append(log, lines("old", 10, 20)); // the source lags: old 10..19 not read yet
    assertEquals(Rotation.Change.Kind.UNCHANGED, check(f).kind());

    // the reading thread is descheduled here (ReadScheduler.visit: checkRotation, then f.read);
    // the writer rotates by copytruncate and goes on writing past the read position
    Files.copy(log, dir.resolve("app.log.1"));
    truncate(log);
    append(log, lines("NEW", 0, 30));

    List<String> delivered = new ArrayList<>();
    TailBatch racing = new TailBatch(5); // the read the check allowed: a batch's worth of lines
    f.read(racing);
    f.committedBatch();
    racing.events().forEach(e -> delivered.add(new String(e.getBody(), StandardCharsets.UTF_8)));
    Rotation.Change change = check(f);
    assertEquals(Rotation.Change.Kind.TRUNCATED_COPY_FOUND, change.kind(), "the copy is found");
    if (change.readFirst() != null && change.readFirst() != f) {
      files.add(change.readFirst());
      delivered.addAll(readAndCommit(change.readFirst()));
    }
    delivered.addAll(readAndCommit(f));

    List<String> lost = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      if (!delivered.contains(line("old", i).strip())) {
        lost.add(line("old", i).strip());
      }
    }
    assertEquals(List.of(), lost, "old lines never delivered; delivered: " + delivered);
  }
}
