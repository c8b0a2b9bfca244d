package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;

/**
 * The events a tail source would make of one file read whole, for {@code bin/flumekit-agent test}:
 * the file is a {@link TailedFile} of the source's configuration, read batch by batch with the
 * source's line splitting, limits, multi-line joining, decoding and headers, then flushed as a file
 * that will not grow. Nothing is saved and nothing is sent.
 */
final class FilePreview {
  private FilePreview() {}

  /**
   * @param counter the source's counters, which count the file's bytes and truncated lines
   */
  static List<Map.Entry<Map<String, String>, byte[]>> events(
      String sourceName, TailSourceConfig config, TailSourceCounter counter, Path file)
      throws IOException {
    TailReading reading =
        new TailReading(config, AbstractTailSource.eventFactory(config), counter, System::nanoTime);
    Path path = file.toAbsolutePath();
    String identity;
    Fingerprint head;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      head = Fingerprint.of(channel, config.get(TailSourceConfig.FINGERPRINT_BYTES));
      // a file's identity is random once per file; one derived from its first line keeps the
      // output of a sample file the same from run to run
      identity = FileIdentity.ofFirstLine(channel);
    }
    TailedFile tailed =
        new TailedFile(
            groupOf(sourceName, config, path),
            path,
            FileKey.stat(path).key(),
            head,
            0,
            identity,
            TailedFile.Standing.LIVE,
            reading);
    List<Map.Entry<Map<String, String>, byte[]>> events = new ArrayList<>();
    int batchSize = config.get(TailSourceConfig.BATCH_SIZE);
    tailed.open();
    try {
      while (true) {
        TailBatch batch = new TailBatch(batchSize);
        tailed.read(batch);
        if (batch.isEmpty()) {
          tailed.flushHeld(batch);
        }
        if (batch.isEmpty()) {
          return events;
        }
        for (Event e : batch.events()) {
          events.add(
              new AbstractMap.SimpleImmutableEntry<>(Map.copyOf(e.getHeaders()), e.getBody()));
        }
        tailed.committedBatch();
      }
    } finally {
      tailed.close();
    }
  }

  /** The group whose glob matches the file, else the first: its headers go on the events. */
  private static FileGroup groupOf(String sourceName, TailSourceConfig config, Path path) {
    for (FileGroup g : config.groups()) {
      if (g.matches(path)) {
        return g;
      }
    }
    if (config.groups().isEmpty()) {
      throw new IllegalStateException("Source " + sourceName + " has no filegroups");
    }
    return config.groups().get(0);
  }
}
