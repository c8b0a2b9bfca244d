package dev.flumekit.common.deadletter;

import dev.flumekit.common.json.JsonText;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends dead letters as JSON lines to {@code <dir>/<component>-<yyyy-MM-dd>.jsonl} (UTC days) and
 * forces them to disk before returning, so that a sink may commit its channel transaction after.
 * The body is Base64, since events are bytes.
 *
 * <p>Dead letters hold event bodies, so the directory is made 0700 and each file 0600 (where the
 * file system has POSIX permissions), and a new file's directory entry is forced to disk too. A
 * write that fails (a full disk) is cut back to where the file ended before it, so the next write
 * never appends to a torn line. A file that reached {@link FileLimits#maxFileBytes()} is followed
 * by {@code <component>-<day>.<n>.jsonl}; files older than the retention are deleted.
 */
public final class FileDeadLetterWriter implements Closeable {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private final Path directory;
  private final String component;
  private final Clock clock;
  private final FileLimits limits;
  private FileChannel file;
  private String fileDay;
  private int fileNumber;

  public FileDeadLetterWriter(Path directory, String component, Clock clock) {
    this(directory, component, clock, FileLimits.DEFAULT);
  }

  public FileDeadLetterWriter(Path directory, String component, Clock clock, FileLimits limits) {
    this.directory = directory.toAbsolutePath();
    this.component = component;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Creates the directory (0700) if needed and checks that files can be made in it, so that a sink
   * with an unusable dead-letter directory fails at start rather than at its first dead letter.
   *
   * @throws IOException naming the directory and why
   */
  public void prepare() throws IOException {
    createDirectory();
    if (!Files.isWritable(directory)) {
      throw new IOException("dead-letter directory " + directory + " is not writable");
    }
    deleteExpired();
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (posix()) {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
      } else {
        Files.createDirectory(directory);
      }
    } catch (FileAlreadyExistsException raced) {
      // created meanwhile
    }
  }

  private boolean posix() {
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public Path directory() {
    return directory;
  }

  /** Appends every letter and forces the file to disk; on failure the file is as it was. */
  public synchronized void write(List<DeadLetter> letters) throws IOException {
    if (letters.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    StringBuilder lines = new StringBuilder(256 * letters.size());
    for (DeadLetter letter : letters) {
      appendJson(lines, letter, now);
      lines.append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    FileChannel out = fileFor(now, bytes.remaining());
    try {
      appendOrRestore(out, bytes);
    } catch (IOException e) {
      if (e.getSuppressed().length > 0) {
        close(); // could not be cut back: reopened, and checked again, at the next write
      }
      throw e;
    }
  }

  /**
   * Appends {@code bytes} and forces them to disk, or leaves {@code out} as long as it was: a
   * failed write (a full disk) never leaves a torn line for the next one to append to.
   *
   * @throws IOException the write's failure; a failure to cut back is added to it as suppressed
   */
  static void appendOrRestore(FileChannel out, ByteBuffer bytes) throws IOException {
    long before = out.size();
    try {
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    } catch (IOException e) {
      try {
        out.truncate(before);
        out.force(false);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      throw e;
    }
  }

  private FileChannel fileFor(Instant now, int adding) throws IOException {
    String day = DAY.format(now);
    if (!day.equals(fileDay)) {
      close();
      fileDay = day;
      fileNumber = 0;
      deleteExpired();
    } else if (file != null && full(file.size(), adding)) {
      close();
      fileNumber++;
    }
    if (file == null) {
      createDirectory();
      Path path = directory.resolve(fileName(day, fileNumber));
      while (Files.exists(path) && full(Files.size(path), adding)) {
        path = directory.resolve(fileName(day, ++fileNumber));
      }
      boolean created = !Files.exists(path);
      FileAttribute<?>[] mode =
          created && posix()
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
              : new FileAttribute<?>[0];
      file =
          FileChannel.open(
              path,
              Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
              mode);
      if (created) {
        forceDirectory();
      }
    }
    return file;
  }

  /**
   * Whether a file of {@code size} has no room for {@code adding} more (an empty one always has).
   */
  private boolean full(long size, int adding) {
    return size > 0 && size + adding > limits.maxFileBytes();
  }

  private String fileName(String day, int number) {
    return component + "-" + day + (number == 0 ? "" : "." + number) + ".jsonl";
  }

  /** Makes a new file's directory entry durable, as the file's own force does for its bytes. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the file's bytes are forced on every write
    }
  }

  /** Deletes this component's files last written before the retention. */
  private void deleteExpired() throws IOException {
    if (limits.retentionDays() <= 0 || !Files.isDirectory(directory)) {
      return;
    }
    Instant oldest = clock.instant().minus(Duration.ofDays(limits.retentionDays()));
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(directory, component + "-*.jsonl")) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).toInstant().isBefore(oldest)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static void appendJson(StringBuilder out, DeadLetter letter, Instant now) {
    out.append("{\"time\":\"").append(now).append('"');
    field(out, "reason", letter.reason());
    field(out, "error", letter.errorClass());
    field(out, "destination", letter.destination());
    out.append(",\"headers\":{");
    boolean first = true;
    // other components may leave a null header value (or key): kept as JSON null, never a throw
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> h : letter.headers().entrySet()) {
      sorted.put(h.getKey() == null ? "" : h.getKey(), h.getValue());
    }
    for (Map.Entry<String, String> h : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.quote(out, h.getKey());
      out.append(':');
      if (h.getValue() == null) {
        out.append("null");
      } else {
        JsonText.quote(out, h.getValue());
      }
    }
    out.append("},\"body\":\"")
        .append(Base64.getEncoder().encodeToString(letter.body()))
        .append("\"}");
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value == null) {
      return;
    }
    out.append(",\"").append(name).append("\":");
    JsonText.quote(out, value);
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
