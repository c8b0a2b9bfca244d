package dev.flumekit.common.deadletter;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends dead letters as JSON lines to {@code <dir>/<component>-<yyyy-MM-dd>.jsonl} (UTC days) and
 * forces them to disk before returning, so that a sink may commit its channel transaction after.
 * The body is Base64, since events are bytes.
 */
public final class FileDeadLetterWriter implements Closeable {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final String component;
  private final Clock clock;
  private FileChannel file;
  private String fileDay;

  public FileDeadLetterWriter(Path directory, String component, Clock clock) {
    this.directory = directory;
    this.component = component;
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  /** Appends every letter and forces the file to disk. */
  public synchronized void write(List<DeadLetter> letters) throws IOException {
    if (letters.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    FileChannel out = fileFor(now);
    StringBuilder lines = new StringBuilder(256 * letters.size());
    for (DeadLetter letter : letters) {
      appendJson(lines, letter, now);
      lines.append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
    out.force(false);
  }

  private FileChannel fileFor(Instant now) throws IOException {
    String day = DAY.format(now);
    if (file == null || !day.equals(fileDay)) {
      close();
      Files.createDirectories(directory);
      file =
          FileChannel.open(
              directory.resolve(component + "-" + day + ".jsonl"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      fileDay = day;
    }
    return file;
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
      quote(out, h.getKey());
      out.append(':');
      if (h.getValue() == null) {
        out.append("null");
      } else {
        quote(out, h.getValue());
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
    quote(out, value);
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
