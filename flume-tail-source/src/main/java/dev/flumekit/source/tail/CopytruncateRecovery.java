package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tracked file lost what was read from it (copytruncate, or truncated and rewritten): it is read
 * again from its start; and if the rotation left a copy beside it that starts with the same bytes,
 * the copy is tracked too and read from where the file had been read to, so the lines written
 * between the last read and the copy are not lost.
 */
final class CopytruncateRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(CopytruncateRecovery.class);

  private final String sourceName;
  private final FileRegistry registry;
  private final TailReading reading;
  private final TailSourceCounter counter;

  CopytruncateRecovery(String sourceName, FileRegistry registry, TailReading reading) {
    this.sourceName = sourceName;
    this.registry = registry;
    this.reading = reading;
    this.counter = reading.counter();
  }

  /**
   * Restarts the truncated {@code f} from its first byte and tracks its copy.
   *
   * @return the copy, to be read before {@code f}; null if none was found
   */
  TailedFile recover(TailedFile f) throws IOException {
    counter.incrementTruncationsDetected();
    TailedFile original = truncatedOriginalOf(f);
    if (original != null) {
      // f's inode was freed (its file deleted, as logrotate's "rotate 1" deletes the old copy) and
      // given to the copy of original: f now holds original's lines, and continues them
      f.continueAs(original.fingerprint(), original.committed(), original.identity());
      counter.incrementCopyRecoveries();
      LOG.info(
          "Source {}: {} now holds a copy of truncated {}; reading it from offset {}",
          sourceName,
          f,
          original,
          original.committed());
      return f;
    }
    long from = f.committed();
    Fingerprint before = f.fingerprint();
    String identity = f.identity();
    TailedFile trackedCopy = from > 0 && before.length() > 0 ? trackedCopyOf(f) : null;
    if (trackedCopy != null) {
      trackedCopy.continueAs(before, from, identity);
      f.restartFromBeginning();
      counter.incrementCopyRecoveries();
      LOG.info(
          "Source {}: {} was truncated; reading its copy {} from offset {}, then the file from its"
              + " start",
          sourceName,
          f,
          trackedCopy,
          from);
      return trackedCopy;
    }
    Path copy = from > 0 && before.length() > 0 ? findCopy(f, before, from) : null;
    f.restartFromBeginning();
    if (copy == null) {
      LOG.info("Source {}: {} was truncated; reading it from its start", sourceName, f);
      return null;
    }
    FileKey.Stat stat = FileKey.stat(copy);
    // no glob need match the copy: it is read to its end and then forgotten
    // the copy continues the file's offsets under the file's identity; the file, restarted below,
    // begins a new sequence under a new one
    TailedFile rest =
        new TailedFile(
            f.group(),
            copy,
            stat.key(),
            before,
            from,
            identity,
            TailedFile.Standing.RETIRED,
            reading);
    rest.open();
    registry.addBefore(rest, f);
    counter.incrementCopyRecoveries();
    LOG.info(
        "Source {}: {} was truncated; reading its copy {} from offset {}, then the file from its"
            + " start",
        sourceName,
        f,
        copy,
        from);
    return rest;
  }

  /**
   * The tracked file that {@code f}, rewritten, is now a copy of: one that was truncated too, whose
   * first bytes {@code f} now starts with and whose committed lines {@code f} is long enough to
   * hold.
   */
  private TailedFile truncatedOriginalOf(TailedFile f) throws IOException {
    for (TailedFile g : registry.files()) {
      if (g != f
          && g.committed() > 0
          && g.fingerprint().length() > 0
          && f.sizeNow() >= g.committed()
          && f.startsWith(g.fingerprint())
          && g.headChanged()) {
        return g;
      }
    }
    return null;
  }

  /**
   * A tracked file that was rewritten and now holds the copy of the truncated {@code f} (its inode
   * was reused for the copy): it starts with {@code f}'s first bytes and is long enough.
   */
  private TailedFile trackedCopyOf(TailedFile f) throws IOException {
    for (TailedFile h : registry.files()) {
      if (h != f
          && h.isOpen()
          && h.sizeNow() >= f.committed()
          && h.startsWith(f.fingerprint())
          && h.headChanged()) {
        return h;
      }
    }
    return null;
  }

  /** The newest untracked file beside {@code f}, at least {@code from} long, starting with head. */
  private Path findCopy(TailedFile f, Fingerprint head, long from) {
    Path found = null;
    long foundModified = Long.MIN_VALUE;
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(f.path().toAbsolutePath().getParent())) {
      for (Path candidate : dir) {
        try {
          FileKey.Stat stat = FileKey.stat(candidate);
          if (stat.size() < from
              || stat.key().equals(f.key())
              || registry.tracks(stat.key())
              || stat.modifiedMillis() < foundModified
              // copytruncate makes a real file; a link is never taken for the copy
              || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          try (FileChannel c = FileChannel.open(candidate, StandardOpenOption.READ)) {
            if (head.matches(c)) {
              found = candidate;
              foundModified = stat.modifiedMillis();
            }
          }
        } catch (IOException e) {
          // vanished or unreadable: not the copy
        }
      }
    } catch (IOException e) {
      LOG.warn("Source {}: looking for the copy of {} failed: {}", sourceName, f, e.toString());
    }
    return found;
  }
}
