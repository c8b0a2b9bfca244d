package dev.flumekit.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a raw contender's process tells the benchmark how far it got: a small properties file of
 * counts, replaced whole (written aside, then renamed) after each batch, so that a reader never
 * sees half of it. Not synced: it is a progress report, not state.
 */
final class RawProgress {
  private final Path file;
  private final Map<String, Long> counts = new LinkedHashMap<>();

  RawProgress(Path file) {
    this.file = file;
  }

  /** Adds to a count; {@link #publish} makes it visible. */
  void add(String name, long amount) {
    counts.merge(name, amount, Long::sum);
  }

  void publish() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> c : counts.entrySet()) {
      text.append(c.getKey()).append('=').append(c.getValue()).append('\n');
    }
    Path aside = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(aside, text);
    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The counts a process published last; empty before the first. */
  static Map<String, Long> read(Path file) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return counts;
    }
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file)));
    for (String name : p.stringPropertyNames()) {
      counts.put(name, Long.parseLong(p.getProperty(name).trim()));
    }
    return counts;
  }
}
