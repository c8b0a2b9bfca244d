package dev.flumekit.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.testkit.RotatingLogWriter;
import dev.flumekit.testkit.SourceHarness;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail source against real files on the local file system, rotated as logrotate does. */
class TailSourceIT {
  @TempDir Path dir;

  /** A source and its memory channel; the test calls process() itself. */
  private final class Harness implements AutoCloseable {
    final SourceHarness<TailSource> wired;
    final TailSource source;
    final String name;

    Harness(String name, int capacity, String... keyValues) {
      this.name = name;
      Map<String, String> p = new HashMap<>();
      p.put("filegroups", "logs");
      p.put("filegroups.logs", dir.resolve("app.log").toString());
      p.put("positionFile", dir.resolve("positions/" + name).toString());
      p.put("batchDurationMillis", "0");
      p.put("rescanIntervalMillis", "20");
      for (int i = 0; i < keyValues.length; i += 2) {
        p.put(keyValues[i], keyValues[i + 1]);
      }
      this.wired = new SourceHarness<>(new TailSource(), name, capacity, p);
      this.source = wired.source();
    }

    void process() throws Exception {
      source.process();
    }

    List<Event> take() {
      return wired.takeAll();
    }

    /** Processes and takes until {@code expected} lines arrived or nothing came for a while. */
    List<String> readAll(int expected) throws Exception {
      List<String> lines = new ArrayList<>();
      long quietUntil = System.nanoTime() + 5_000_000_000L;
      while (lines.size() < expected && System.nanoTime() < quietUntil) {
        process();
        List<Event> got = take();
        if (!got.isEmpty()) {
          quietUntil = System.nanoTime() + 5_000_000_000L;
        }
        got.forEach(e -> lines.add(body(e)));
      }
      return lines;
    }

    long counter(String attribute) throws Exception {
      return ((Number)
              ManagementFactory.getPlatformMBeanServer()
                  .getAttribute(new ObjectName("org.apache.flume.source:type=" + name), attribute))
          .longValue();
    }

    @Override
    public void close() {
      wired.close();
    }
  }

  private static String body(Event e) {
    return new String(e.getBody(), StandardCharsets.UTF_8);
  }

  private static List<String> seq(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add(line(i));
    }
    return lines;
  }

  /** Lines {@code from} to {@code to} (exclusive), each once, in order; says where not. */
  private static void assertSequence(int from, int to, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals(line(from + i))) {
        StringBuilder runs = new StringBuilder();
        int runStart = 0;
        for (int k = 1; k <= lines.size() && runs.length() < 600; k++) {
          if (k == lines.size() || number(lines.get(k)) != number(lines.get(k - 1)) + 1) {
            runs.append(number(lines.get(runStart)))
                .append("..")
                .append(number(lines.get(k - 1)))
                .append(' ');
            runStart = k;
          }
        }
        throw new AssertionError(
            "arrival order, as runs: "
                + runs
                + "\n"
                + "expected lines "
                + from
                + ".."
                + (to - 1)
                + "; at index "
                + i
                + " got '"
                + lines.get(i)
                + "' ("
                + lines.size()
                + " lines)");
      }
    }
    assertEquals(to - from, lines.size(), "lines");
  }

  private static int number(String line) {
    return Integer.parseInt(line.substring(5, line.indexOf(' ', 5)));
  }

  private static String line(int i) {
    return "line " + i + " GET /class/" + (i % 97) + ".html HTTP/1.1 200";
  }

  private void append(Path file, int from, int to) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(line(i)).append('\n');
    }
    Files.writeString(
        file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private static void copyTruncate(Path file, Path copy) throws IOException {
    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(0);
    }
  }

  @Test
  void aLinkPlantedInTheLogDirectoryIsNotFollowed() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("etc")).resolve("secret.txt");
    Files.writeString(outside, "password=hunter2\n");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    append(logs.resolve("app.log"), 0, 10);
    Files.createSymbolicLink(logs.resolve("x.log"), outside);
    append(logs.resolve("real-2026.log"), 10, 20);
    Files.createSymbolicLink(logs.resolve("current.log"), logs.resolve("real-2026.log"));
    String glob = logs.resolve("*.log").toString();
    try (Harness h = new Harness("links-off", 10_000, "filegroups.logs", glob)) {
      List<String> lines = h.readAll(20);
      assertEquals(20, lines.size(), lines.toString());
      assertFalse(lines.contains("password=hunter2"), "never follows a link by default");
    }
    try (Harness h =
        new Harness("links-on", 10_000, "filegroups.logs", glob, "followSymlinks", "true")) {
      List<String> lines = h.readAll(21);
      assertFalse(lines.contains("password=hunter2"), "never out of the glob");
      assertEquals(20, lines.size(), "current.log is real-2026.log: one file, read once");
    }
  }

  @Test
  void manyFilesAreReadWithAtMostMaxOpenFilesOpen() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("many"));
    for (int f = 0; f < 40; f++) {
      append(logs.resolve(String.format("app-%02d.log", f)), f * 100, f * 100 + 100);
    }
    try (Harness h =
        new Harness(
            "many",
            10_000,
            "filegroups.logs",
            logs.resolve("*.log").toString(),
            "maxOpenFiles",
            "8",
            "idleTimeout",
            "50",
            "batchSize",
            "100")) {
      List<String> lines = new ArrayList<>();
      long quietUntil = System.nanoTime() + 10_000_000_000L;
      while (lines.size() < 4000 && System.nanoTime() < quietUntil) {
        h.process();
        lines.addAll(h.take().stream().map(TailSourceIT::body).toList());
        assertTrue(h.counter("FilesOpen") <= 8, h.counter("FilesOpen") + " files open");
      }
      assertEquals(4000, new java.util.HashSet<>(lines).size());
      assertEquals(4000, lines.size());
    }
  }

  @Test
  void aCopySeenBeforeItsOriginalIsTruncatedIsNotReadAgain() throws Exception {
    // copytruncate copies, then truncates: a rescan between the two sees a new file that starts
    // with a tracked file's bytes. It is a copy in progress, not a new log.
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    String glob = dir.resolve("app.log*").toString();
    try (Harness h = new Harness("copy-race", 10_000, "filegroups.logs", glob)) {
      List<String> lines = new ArrayList<>(h.readAll(1000));
      append(log, 1000, 1500);
      Files.copy(log, dir.resolve("app.log.1"));
      Thread.sleep(50); // a rescan sees the copy while the original is whole
      lines.addAll(h.readAll(500));
      try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
        c.truncate(0);
      }
      append(log, 1500, 1600);
      Thread.sleep(50);
      lines.addAll(h.readAll(100));
      assertSequence(0, 1600, lines);
    }
  }

  @Test
  void aRenamedFileIsReadToItsEndBeforeTheNewOne() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    try (Harness h = new Harness("rename", 10_000, "batchSize", "100")) {
      h.process();
      List<String> lines = new ArrayList<>(h.take().stream().map(TailSourceIT::body).toList());
      assertSequence(0, 100, lines);
      Files.move(log, dir.resolve("app.log.1"));
      append(log, 1000, 1500);
      Thread.sleep(50); // one rescan interval
      lines.addAll(h.readAll(1400));
      assertSequence(0, 1500, lines);
      assertEquals(1, h.counter("RenamesFollowed"));
    }
  }

  @Test
  void theUnreadTailOfACopytruncatedFileIsReadFromTheCopy() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    try (Harness h = new Harness("copy", 10_000, "batchSize", "100")) {
      h.process();
      List<String> lines = new ArrayList<>(h.take().stream().map(TailSourceIT::body).toList());
      copyTruncate(log, dir.resolve("app.log.1"));
      append(log, 1000, 1500);
      lines.addAll(h.readAll(1400));
      assertSequence(0, 1500, lines);
      assertEquals(1, h.counter("TruncationsDetected"));
      assertEquals(1, h.counter("CopyRecoveries"));
    }
  }

  @Test
  void aCopyTheGlobAlsoMatchesIsReadOnlyFromWhereTheOriginalWasLeft() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    try (Harness h =
        new Harness("copy-matched", 10_000, "batchSize", "100", "filegroups.logs", log + "*")) {
      h.process();
      List<String> lines = new ArrayList<>(h.take().stream().map(TailSourceIT::body).toList());
      copyTruncate(log, dir.resolve("app.log.1"));
      append(log, 1000, 1500);
      Thread.sleep(50); // one rescan interval
      lines.addAll(h.readAll(1400));
      assertSequence(0, 1500, lines);
      assertEquals(1, h.counter("CopyRecoveries"));
    }
  }

  @Test
  void aFileTruncatedAndRegrownPastTheOldPositionIsReadFromItsStart() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    try (Harness h = new Harness("regrown", 10_000, "batchSize", "1000")) {
      assertSequence(0, 1000, h.readAll(1000));
      copyTruncate(log, dir.resolve("app.log.1"));
      append(log, 1000, 4000); // longer than before: the size alone does not tell
      assertSequence(1000, 4000, h.readAll(3000));
      assertEquals(1, h.counter("TruncationsDetected"));
    }
  }

  @Test
  void linesWrittenWhileTheFileIsRotatedRepeatedlyArriveOnceAndInOrder() throws Exception {
    rotateWhileTailing("rotating", "app.log", "0");
  }

  /** Batches gather over several passes, so rotations land while a file has lines in a batch. */
  @Test
  void rotationsDuringABatchLoseAndRepeatNothing() throws Exception {
    rotateWhileTailing("rotating-slow-batches", "app.log", "300");
  }

  @Test
  void rotationsWithAGlobThatMatchesTheRotatedFilesLoseAndRepeatNothing() throws Exception {
    rotateWhileTailing("rotating-glob", "app.log*", "300");
  }

  private void rotateWhileTailing(String name, String glob, String batchMillis) throws Exception {
    int total = 300_000;
    try (Harness h =
            new Harness(
                name,
                100_000,
                "batchSize",
                "1000",
                "batchDurationMillis",
                batchMillis,
                "filegroups.logs",
                dir.resolve(glob).toString());
        RotatingLogWriter writer =
            new RotatingLogWriter(dir.resolve("app.log"), total, 100_000, 250, TailSourceIT::line)
                .start()) {
      List<String> lines = new ArrayList<>();
      while (!writer.done()) {
        h.process();
        h.take().forEach(e -> lines.add(body(e)));
      }
      writer.await();
      lines.addAll(h.readAll(total - lines.size()));
      assertTrue(writer.rotations() >= 4, "rotations: " + writer.rotations());
      assertSequence(0, total, lines);
      System.out.printf(
          "%s: %d lines, %d rotations (%d truncations, %d renames), %d copy recoveries%n",
          name,
          total,
          writer.rotations(),
          h.counter("TruncationsDetected"),
          h.counter("RenamesFollowed"),
          h.counter("CopyRecoveries"));
    }
  }

  @Test
  void aLineReadAgainFromARenamedFileOrACopyKeepsItsLineId() throws Exception {
    Path log = dir.resolve("app.log");
    Path positions = dir.resolve("positions/ids");
    append(log, 0, 1000);
    Map<String, String> first = lineIds(log.toString(), "ids", 300);
    // a crash after the next lines were sent but before their positions were saved: the positions
    // file as it was then is put back before the restart
    Path atCrash = dir.resolve("positions-at-crash");
    Files.copy(positions, atCrash);
    first.putAll(lineIds(log.toString(), "ids", 700));
    assertEquals(1000, new java.util.HashSet<>(first.values()).size(), "one id per line");
    Files.copy(atCrash, positions, StandardCopyOption.REPLACE_EXISTING);
    copyTruncate(log, dir.resolve("app.log.1"));
    append(log, 1000, 1500);
    // the lines sent before the crash are read again from the copy, with the ids they had
    Map<String, String> again = lineIds(log + "*", "ids", 1200);
    for (int i = 300; i < 1000; i++) {
      assertEquals(first.get(line(i)), again.get(line(i)), "id of " + line(i) + " in the copy");
    }
    assertEquals(1200, new java.util.HashSet<>(again.values()).size(), "one id per line");
    String truncatedFile = again.get(line(1000));
    assertTrue(truncatedFile.endsWith(":0"), "the new file's first line is at offset 0");
    assertNotEquals(
        fileId(first.get(line(0))), fileId(truncatedFile), "the truncated file's new content");
    Files.move(log, dir.resolve("app.log.2"));
    append(dir.resolve("app.log.2"), 1500, 1600);
    Map<String, String> renamed = lineIds(dir.resolve("app.log.2").toString(), "ids", 100);
    for (int i = 1500; i < 1600; i++) {
      assertEquals(fileId(truncatedFile), fileId(renamed.get(line(i))), line(i) + " renamed");
    }
  }

  private static String fileId(String lineId) {
    return lineId.substring(0, lineId.indexOf(':'));
  }

  /** Reads {@code expected} lines of the files a glob matches; each line's body to its id. */
  private Map<String, String> lineIds(String glob, String name, int expected) throws Exception {
    Map<String, String> ids = new HashMap<>();
    try (Harness h =
        new Harness(
            name, 10_000, "batchSize", "100", "filegroups.logs", glob, "lineIdHeader", "id")) {
      long quietUntil = System.nanoTime() + 5_000_000_000L;
      while (ids.size() < expected && System.nanoTime() < quietUntil) {
        h.process();
        for (Event e : h.take()) {
          ids.put(body(e), e.getHeaders().get("id"));
        }
      }
    }
    assertEquals(expected, ids.size(), "lines read");
    return ids;
  }

  @Test
  void aRestartResumesFromTheSavedPositionsAlsoForAFileRenamedMeanwhile() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    List<String> lines = new ArrayList<>();
    try (Harness first = new Harness("restart", 10_000, "batchSize", "100")) {
      for (int i = 0; i < 3; i++) {
        first.process();
      }
      first.take().forEach(e -> lines.add(body(e)));
    }
    assertSequence(0, 300, lines);
    Files.move(log, dir.resolve("app.log.1"));
    append(log, 1000, 1200);
    try (Harness second = new Harness("restart", 10_000, "batchSize", "100")) {
      lines.addAll(second.readAll(900));
    }
    assertSequence(0, 1200, lines);
  }

  @Test
  void rotationsWhileStoppedAreFollowedOnRestartWhateverTheNamesSort() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    String[] settings = {"batchSize", "100", "filegroups.logs", log + "*"};
    List<String> lines = new ArrayList<>();
    try (Harness first = new Harness("stopped", 10_000, settings)) {
      for (int i = 0; i < 3; i++) {
        first.process();
      }
      first.take().forEach(e -> lines.add(body(e)));
    }
    // while stopped: copytruncate to app.log.1, more lines, then a rename to app.log.2; the copy's
    // name sorts before the original's
    copyTruncate(log, dir.resolve("app.log.1"));
    append(log, 1000, 1200);
    Files.move(log, dir.resolve("app.log.2"));
    append(log, 1200, 1300);
    try (Harness second = new Harness("stopped", 10_000, settings)) {
      lines.addAll(second.readAll(1000));
      assertEquals(1, second.counter("CopyRecoveries"));
    }
    assertSequence(0, 1300, lines);
  }

  @Test
  void aFullChannelRewindsTheFilesAndLosesNothing() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 3000);
    try (Harness h = new Harness("full", 250, "batchSize", "100")) {
      List<String> lines = new ArrayList<>();
      for (int round = 0; lines.size() < 3000 && round < 1000; round++) {
        h.process();
        h.process();
        h.process();
        if (round % 2 == 1) {
          h.take().forEach(e -> lines.add(body(e)));
        }
      }
      assertSequence(0, 3000, lines);
      assertTrue(h.counter("ChannelFullCount") > 0);
    }
  }

  @Test
  void stackTracesStayWholeAsOneEvent() throws Exception {
    Path log = dir.resolve("app.log");
    String trace =
        "2026-11-21 10:00:00 ERROR request failed\n"
            + "java.lang.IllegalStateException: boom\n"
            + "\tat dev.example.Service.call(Service.java:42)\n"
            + "\tat dev.example.Main.main(Main.java:7)\n"
            + "Caused by: java.io.IOException: disk\n"
            + "\t... 2 more\n";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append("2026-11-21 10:00:00 INFO request ").append(i).append('\n');
      text.append(trace);
    }
    Files.writeString(log, text);
    try (Harness h =
        new Harness(
            "multiline",
            10_000,
            "batchSize",
            "1000",
            "multiline.start",
            "^\\d{4}-\\d{2}-\\d{2} ",
            "multiline.flushTimeoutMillis",
            "100")) {
      List<String> events = h.readAll(200);
      assertEquals(200, events.size());
      for (int i = 0; i < 100; i++) {
        assertEquals("2026-11-21 10:00:00 INFO request " + i, events.get(2 * i));
        assertEquals(trace.substring(0, trace.length() - 1), events.get(2 * i + 1));
      }
    }
  }

  @Test
  void hostileFilesAreReadWithoutLossOrHang() throws Exception {
    Path log = dir.resolve("app.log");
    byte[] binary = new byte[256];
    for (int i = 0; i < 256; i++) {
      binary[i] = (byte) (i == '\n' ? 0 : i);
    }
    try (FileChannel out =
        FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(binary));
      out.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
      out.write(ByteBuffer.wrap(("y".repeat(1_000_000) + "\n").getBytes(StandardCharsets.UTF_8)));
      out.write(ByteBuffer.wrap("ok\nno newline at the end".getBytes(StandardCharsets.UTF_8)));
    }
    try (Harness h = new Harness("hostile", 10_000, "batchSize", "100", "idleTimeout", "300")) {
      List<Event> events = new ArrayList<>();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (events.size() < 4 && System.nanoTime() < deadline) {
        h.process();
        events.addAll(h.take());
        Thread.sleep(20);
      }
      assertEquals(4, events.size());
      assertEquals(256, events.get(0).getBody().length);
      assertEquals(65536, events.get(1).getBody().length);
      assertEquals("true", events.get(1).getHeaders().get("truncated"));
      assertEquals("ok", body(events.get(2)));
      assertFalse(events.get(2).getHeaders().containsKey("truncated"));
      assertEquals("no newline at the end", body(events.get(3)));
      assertEquals(1, h.counter("LinesTruncated"));
    }
  }

  @Test
  void aFileDeletedWhileOpenIsReadToItsEnd() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, 0, 1000);
    try (Harness h =
        new Harness(
            "deleted",
            10_000,
            "batchSize",
            "100",
            "fileHeader",
            "true",
            "byteOffsetHeader",
            "true")) {
      h.process();
      List<Event> first = h.take();
      assertEquals(log.toString(), first.get(1).getHeaders().get("file"));
      assertEquals(
          Integer.toString(line(0).length() + 1), first.get(1).getHeaders().get("byteoffset"));
      Files.delete(log);
      List<String> lines = new ArrayList<>(first.stream().map(TailSourceIT::body).toList());
      lines.addAll(h.readAll(900));
      assertSequence(0, 1000, lines);
    }
  }

  @Test
  void aMisconfiguredSourceNamesTheKeys() {
    TailSource source = new TailSource();
    source.setName("bad");
    Exception e =
        assertThrows(
            ConfigException.class,
            () ->
                source.configure(
                    new Context(Map.of("filegroups", "a", "filegroups.a", "logs/*.log"))));
    assertTrue(e.getMessage().contains("filegroups.a = 'logs/*.log'"), e.getMessage());
  }
}
