package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
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

  /**
   * How long a file must have been quiet before its inode can be taken for reused by a copy: a file
   * still being written is truncated in place, never deleted and replaced, so only an idle file (a
   * rotated copy) is a candidate. Two live files that merely start alike are never paired.
   */
  private final long idleNanos;

  CopytruncateRecovery(
      String sourceName, FileRegistry registry, TailReading reading, long idleNanos) {
    this.idleNanos = idleNanos;
    this.sourceName = sourceName;
    this.registry = registry;
    this.reading = reading;
    this.counter = reading.counter();
  }

  /** What to do with a file found rewritten. */
  enum Step {
    /** Read {@link #readFirst} (if any) first, then the files as usual. */
    READ,
    /** Leave the file unread for now: it is a copy still being made of a file not yet truncated. */
    WAIT
  }

  /** The outcome of {@link #recover}: the step, and the file whose lines come first. */
  record Recovery(Step step, TailedFile readFirst) {
    static final Recovery WAIT = new Recovery(Step.WAIT, null);
  }

  /** Rewritten files waiting for their original's truncation, since when. */
  private final Map<FileKey, Long> waiting = new HashMap<>();

  /**
   * Handles the rewritten {@code f}: it is the copy of a truncated tracked file placed on the inode
   * a deleted file freed (it then continues that file's lines), or a copy still being made (it
   * waits), or truncated itself (it restarts from its first byte, its copy, found beside it, read
   * first from where {@code f} had been read to).
   */
  Recovery recover(TailedFile f) throws IOException {
    TailedFile original = truncatedOriginalOf(f);
    if (original != null) {
      waiting.remove(f.key());
      counter.incrementTruncationsDetected();
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
      return new Recovery(Step.READ, f);
    }
    if (copyInProgress(f)) {
      return Recovery.WAIT;
    }
    waiting.remove(f.key());
    counter.incrementTruncationsDetected();
    long from = f.committed();
    Fingerprint before = f.fingerprint();
    String identity = f.identity();
    Path copy = from > 0 && before.length() > 0 ? findCopy(f, before, from) : null;
    TailedFile trackedCopy = copy == null && from > 0 ? trackedCopyOf(f) : null;
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
      return new Recovery(Step.READ, trackedCopy);
    }
    f.restartFromBeginning();
    if (copy == null) {
      LOG.info("Source {}: {} was truncated; reading it from its start", sourceName, f);
      return new Recovery(Step.READ, null);
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
    return new Recovery(Step.READ, rest);
  }

  /**
   * Whether {@code head} identifies {@code original}'s committed lines well enough to take a file
   * that starts with it for their copy: it is as long as fingerprints get, or it covers every
   * committed byte (a short file: then a file starting with it holds all of them).
   */
  private boolean identifies(Fingerprint head, TailedFile original) {
    return head.length() >= Math.min(reading.fingerprintBytes(), original.committed());
  }

  /**
   * The tracked file that {@code f}, rewritten, is now a copy of: one that was truncated too, whose
   * first bytes {@code f} now starts with and whose committed lines {@code f} is long enough to
   * hold. Only a file that had given all it held (drained, no lines out in a batch) can have been
   * deleted and its inode reused; a file still being written is truncated, not replaced.
   */
  private TailedFile truncatedOriginalOf(TailedFile f) throws IOException {
    if (!gaveAll(f)) {
      return null;
    }
    long size = f.sizeNow();
    for (TailedFile g : registry.files()) {
      if (g != f
          && g.committed() > 0
          && g.batchEnd() < 0
          && size >= g.committed()
          && identifies(g.fingerprint(), g)
          && stillAt(g)
          && f.startsWith(g.fingerprint())
          && g.headChanged()) {
        return g;
      }
    }
    return null;
  }

  /**
   * Whether the rewritten {@code f} is a copy copytruncate is still making of a tracked file not
   * yet truncated (it starts with that file's first bytes and is no longer than it): it waits, up
   * to {@link FileRegistry#COPY_WAIT_NANOS}, as a new file that looks like a copy does, for the
   * truncation, then continues that file's lines; read now, its lines would be read again under a
   * new identity.
   */
  private boolean copyInProgress(TailedFile f) throws IOException {
    if (!gaveAll(f)) {
      return false;
    }
    long size = f.sizeNow();
    for (TailedFile g : registry.files()) {
      if (g != f
          && g.committed() > 0
          && identifies(g.fingerprint(), g)
          && stillAt(g)
          && f.startsWith(g.fingerprint())
          && !g.headChanged()
          && size <= g.sizeAtPath()) {
        long now = reading.nanoClock().getAsLong();
        long since = waiting.computeIfAbsent(f.key(), k -> now);
        return now - since < FileRegistry.COPY_WAIT_NANOS;
      }
    }
    return false;
  }

  /**
   * Whether {@code f} had given all it held and had been quiet for idleTimeout before it was found
   * rewritten: the only kind of file whose inode a deleted file's successor can have taken.
   */
  private boolean gaveAll(TailedFile f) {
    return f.batchEnd() < 0 && f.committed() >= f.knownSize() && f.quietFor(idleNanos);
  }

  /**
   * Whether {@code g}'s path still names {@code g}: a closed file is looked at by its path, which
   * may name another file since (renamed away, deleted).
   */
  private static boolean stillAt(TailedFile g) {
    if (g.isOpen()) {
      return true;
    }
    try {
      return FileKey.stat(g.path()).key().equals(g.key());
    } catch (IOException e) {
      return false;
    }
  }

  private static long sizeNow(TailedFile g) {
    try {
      return FileKey.stat(g.path()).size();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * A tracked file that was rewritten and now holds the copy of the truncated {@code f} (its inode
   * was reused for the copy): it starts with {@code f}'s first bytes and is long enough, it had
   * given all it held before, and it still is the file its path names (a closed file is looked at
   * by its path).
   */
  private TailedFile trackedCopyOf(TailedFile f) throws IOException {
    if (!identifies(f.fingerprint(), f)) {
      return null;
    }
    for (TailedFile h : registry.files()) {
      if (h == f || !gaveAll(h)) {
        continue;
      }
      FileKey.Stat stat;
      try {
        stat = FileKey.stat(h.path());
      } catch (IOException e) {
        continue;
      }
      if (stat.key().equals(h.key())
          && stat.size() >= f.committed()
          && h.startsWith(f.fingerprint())
          && h.headChanged()) {
        return h;
      }
    }
    return null;
  }

  /** The newest untracked file beside {@code f}, at least {@code from} long, starting with head. */
  private Path findCopy(TailedFile f, Fingerprint head, long from) {
    // logrotate names a copy after its file (<name>.1, <name>-20261206): such a name wins over a
    // file of another name that merely starts alike (two CSV files with the same header)
    String name = f.path().getFileName().toString();
    Path found = null;
    boolean foundNamed = false;
    long foundModified = Long.MIN_VALUE;
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(f.path().toAbsolutePath().getParent())) {
      for (Path candidate : dir) {
        try {
          boolean named = candidate.getFileName().toString().startsWith(name);
          FileKey.Stat stat = FileKey.stat(candidate);
          if (stat.size() < from
              || stat.key().equals(f.key())
              || registry.tracks(stat.key())
              || (foundNamed && !named)
              || (foundNamed == named && stat.modifiedMillis() < foundModified)
              // copytruncate makes a real file; a link is never taken for the copy
              || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          try (FileChannel c = FileChannel.open(candidate, StandardOpenOption.READ)) {
            if (head.matches(c)) {
              found = candidate;
              foundNamed = named;
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
