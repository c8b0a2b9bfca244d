package dev.flumekit.common.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeadLetterWriterTest {
  @TempDir Path dir;

  @Test
  void appendsOneEscapedJsonLinePerLetter() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("z", "last");
    headers.put("a", "quote \" and \\ and \n");
    try (FileDeadLetterWriter writer = new FileDeadLetterWriter(dir.resolve("dlq"), "k1", clock)) {
      writer.write(
          List.of(
              new DeadLetter(
                  "hi".getBytes(StandardCharsets.UTF_8),
                  headers,
                  "too big",
                  "org.example.TooBig",
                  "logs")));
      writer.write(List.of(new DeadLetter(new byte[] {0, -1}, Map.of(), "r", "E", "t")));
    }
    List<String> lines = Files.readAllLines(dir.resolve("dlq/k1-2026-11-21.jsonl"));
    assertEquals(
        List.of(
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"too big\",\"error\":\"org.example.TooBig\","
                + "\"destination\":\"logs\",\"headers\":{\"a\":\"quote \\\" and \\\\ and \\n\","
                + "\"z\":\"last\"},\"body\":\"aGk=\"}",
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"r\",\"error\":\"E\",\"destination\":\"t\","
                + "\"headers\":{},\"body\":\"AP8=\"}"),
        lines);
  }

  @Test
  void writesANullHeaderValueAsJsonNull() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("a", null);
    headers.put(null, "no name");
    try (FileDeadLetterWriter writer = new FileDeadLetterWriter(dir.resolve("dlq"), "k1", clock)) {
      writer.write(List.of(new DeadLetter(new byte[0], headers, "r", "E", "t")));
    }
    assertEquals(
        List.of(
            "{\"time\":\"2026-11-21T10:15:30Z\",\"reason\":\"r\",\"error\":\"E\",\"destination\":\"t\","
                + "\"headers\":{\"\":\"no name\",\"a\":null},\"body\":\"\"}"),
        Files.readAllLines(dir.resolve("dlq/k1-2026-11-21.jsonl")));
  }

  /** A file channel whose disk fills up after {@code room} more bytes. */
  private static final class FillingChannel extends FileChannel {
    private final FileChannel real;
    private long room;

    FillingChannel(FileChannel real, long room) {
      this.real = real;
      this.room = room;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (room <= 0) {
        throw new IOException("No space left on device");
      }
      ByteBuffer part = src.slice();
      part.limit((int) Math.min(part.remaining(), room));
      int n = real.write(part);
      src.position(src.position() + n);
      room -= n;
      return n;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }

  private static List<String> names(Path directory) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFillsTheDiskLeavesNoTornLine() throws Exception {
    Path file = dir.resolve("letters.jsonl");
    Files.writeString(file, "{\"whole\":1}\n");
    try (FileChannel real =
            FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileChannel filling = new FillingChannel(real, 5)) {
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  FileDeadLetterWriter.appendOrRestore(
                      filling, ByteBuffer.wrap("{\"torn\":2}\n".getBytes(StandardCharsets.UTF_8))));
      assertEquals("No space left on device", e.getMessage());
    }
    assertEquals("{\"whole\":1}\n", Files.readString(file), "cut back to the last whole line");
  }

  @Test
  void filesAreOwnerOnlyRotateAtTheirLimitAndExpire() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    Path letters = Files.createDirectories(dir.resolve("state/dlq"));
    Path old = letters.resolve("k1-2026-10-01.jsonl");
    Files.writeString(old, "{}\n");
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-10-01T00:00:00Z")));
    Path fresh = dir.resolve("fresh/dlq");
    try (FileDeadLetterWriter writer =
        new FileDeadLetterWriter(fresh, "k1", clock, new FileLimits(1024, 30))) {
      writer.prepare();
      for (int i = 0; i < 6; i++) {
        writer.write(List.of(new DeadLetter(new byte[300], Map.of(), "r", "E", "t")));
      }
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    assertEquals(
        List.of("k1-2026-11-21.1.jsonl", "k1-2026-11-21.2.jsonl", "k1-2026-11-21.jsonl"),
        names(fresh));
    for (String name : names(fresh)) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(name))));
      assertTrue(Files.size(fresh.resolve(name)) <= 1024, name);
    }
    try (FileDeadLetterWriter writer =
        new FileDeadLetterWriter(letters, "k1", clock, new FileLimits(1024, 30))) {
      writer.prepare();
    }
    assertFalse(Files.exists(old), "older than the 30 days kept");
  }

  @Test
  void anUnusableDirectoryFailsTheStartWithItsName() {
    Path blocked = dir.resolve("file-not-dir");
    org.apache.flume.FlumeException e =
        assertThrows(
            org.apache.flume.FlumeException.class,
            () -> {
              Files.writeString(blocked, "x");
              DeadLetters.files(
                  blocked.resolve("dlq").toString(), FileLimits.DEFAULT, "Sink k1", "k1");
            });
    assertTrue(
        e.getMessage().startsWith("Sink k1: cannot keep dead letters in " + blocked.resolve("dlq")),
        e.getMessage());
  }

  @Test
  void parsesPolicies() {
    assertEquals(
        new DeadLetterPolicy(DeadLetterPolicy.Kind.TOPIC, "dlq"),
        DeadLetterPolicy.parse("topic:dlq"));
    assertEquals(
        new DeadLetterPolicy(DeadLetterPolicy.Kind.FILE, "/var/x"),
        DeadLetterPolicy.parse("file:/var/x"));
    assertEquals(DeadLetterPolicy.Kind.DROP, DeadLetterPolicy.parse("drop").kind());
    assertEquals(DeadLetterPolicy.Kind.FAIL, DeadLetterPolicy.parse("fail").kind());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DeadLetterPolicy.parse("topic:"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DeadLetterPolicy.parse("kafka"));
  }
}
