package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what a rotation did to the tailed files: a rename, copytruncate, a
 * truncation, a file rewritten or replaced in place. {@link FileRegistry} lists the globs and keeps
 * the files; what each change means is decided here.
 *
 * <p>A rename is found by a listing, files being known by device and inode ({@link #listedAt},
 * {@link #unlisted}); it moves the file's {@link TailedFile.Standing}: {@code LIVE} to {@code
 * OLDER} under a new name (its lines precede the live file's), {@code LIVE} or {@code OLDER} to
 * {@code RETIRED} when no glob matches it (read to its end, then forgotten), {@code RETIRED} back
 * to {@code OLDER} when a glob matches it again; a copy is {@code OLDER}.
 *
 * <p>A tracked file is checked before each read ({@link #check}): it is {@link
 * Change.Kind#UNCHANGED} while it still holds what was read from it (no shorter than the read
 * position, its first bytes those of its fingerprint). Otherwise it was rewritten, and it is, in
 * this order:
 *
 * <ul>
 *   <li>{@link Change.Kind#BATCH_ENDS}: lines of its old content are in the open batch; the batch
 *       ends there and the file is checked again once they are committed;
 *   <li>{@link Change.Kind#CONTINUES}: the copy of another tracked file just truncated, placed on
 *       this file's inode (freed when logrotate deleted the old copy): it continues that file's
 *       lines under its identity;
 *   <li>{@link Change.Kind#COPY_IN_PROGRESS}: a copy still being made of a tracked file not yet
 *       truncated: left unread until that file is truncated, for at most {@link #COPY_WAIT_NANOS};
 *   <li>{@link Change.Kind#TRUNCATED_COPY_TRACKED}, {@link Change.Kind#TRUNCATED_COPY_FOUND}:
 *       truncated, with a copy of its unread lines (a tracked file on a reused inode, or an
 *       untracked file beside it, then tracked too): the copy is read first from where the file was
 *       committed, under the file's identity; the file starts again from its first byte under a new
 *       one;
 *   <li>{@link Change.Kind#TRUNCATED}: truncated with no copy: read again from its first byte.
 * </ul>
 *
 * <p>A file found by a listing and not tracked yet is classified by {@link #classifyNew}: the copy
 * of a truncated tracked file (read from where that file was committed), a copy still being made
 * (left alone, for at most {@link #COPY_WAIT_NANOS}), or a file of its own. Files are told apart by
 * fingerprint only when it is long enough to identify what was read, so files that merely begin
 * alike (a W3C header, a CSV header, an empty first line) are never taken for each other.
 */
final class Rotation {
  private static final Logger LOG = LoggerFactory.getLogger(Rotation.class);

  /**
   * How long a probable copy waits for its original's truncation before it is a file of its own.
   */
  static final long COPY_WAIT_NANOS = 10_000_000_000L;

  private final String sourceName;
  private final TailReading reading;
  private final TailSourceCounter counter;

  /**
   * How long a file must have been quiet before its inode can be taken for reused by a copy: a file
   * still being written is truncated in place, never deleted and replaced, so only an idle file (a
   * rotated copy) is a candidate. Two live files that merely start alike are never paired.
   */
  private final long idleNanos;

  /** Files that look like a copy copytruncate is still making, since when (one clock for all). */
  private final Map<FileKey, Long> waitingSince = new HashMap<>();

  Rotation(String sourceName, TailReading reading, long idleNanos) {
    this.sourceName = sourceName;
    this.reading = reading;
    this.counter = reading.counter();
    this.idleNanos = idleNanos;
  }

  /**
   * A listing found the tracked {@code f} at {@code path}: under a new name it was rotated away,
   * and its lines precede the live files'; retired, it matched a glob again and is tailed again.
   */
  void listedAt(TailedFile f, Path path) {
    if (!f.path().equals(path)) {
      f.movedTo(path);
      f.markOlder();
    }
    if (f.retired()) {
      f.revive();
    }
  }

  /** No glob matches the tracked {@code f} any more: renamed away or deleted, read to its end. */
  void unlisted(TailedFile f) {
    f.retire();
    counter.incrementRenamesFollowed();
    LOG.info("Source {}: {} was renamed away or deleted; reading it to its end", sourceName, f);
  }

  /** What a check found a tracked file to be, and the file whose lines come first. */
  record Change(Kind kind, TailedFile readFirst) {
    enum Kind {
      /** It holds what was read from it: read on. */
      UNCHANGED,
      /** Rewritten while lines of its old content are in the open batch: the batch ends. */
      BATCH_ENDS,
      /** A copy still being made of a tracked file not yet truncated: not read for now. */
      COPY_IN_PROGRESS,
      /** Now the copy of a truncated tracked file ({@link #readFirst}, itself): continues it. */
      CONTINUES,
      /** Truncated: read {@link #readFirst}, its copy found tracked already, then the file. */
      TRUNCATED_COPY_TRACKED,
      /** Truncated: read {@link #readFirst}, its copy found beside it and tracked now, first. */
      TRUNCATED_COPY_FOUND,
      /** Truncated with no copy found: read again from its first byte. */
      TRUNCATED
    }

    static final Change UNCHANGED = new Change(Kind.UNCHANGED, null);
    static final Change BATCH_ENDS = new Change(Kind.BATCH_ENDS, null);
    static final Change COPY_IN_PROGRESS = new Change(Kind.COPY_IN_PROGRESS, null);
    static final Change TRUNCATED = new Change(Kind.TRUNCATED, null);
  }

  /** What a file found by a listing, and not tracked yet, is. */
  record NewFile(Kind kind, TailedFile original) {
    enum Kind {
      /** A file of its own. */
      OWN,
      /** The copy of the truncated {@link #original}: read from where it was committed. */
      COPY,
      /** Not tracked for now: a copy still being made, or its original's lines are in a batch. */
      LATER
    }

    static final NewFile OWN = new NewFile(Kind.OWN, null);
    static final NewFile LATER = new NewFile(Kind.LATER, null);
  }

  /**
   * Classifies a file found by a listing that no tracked file has the key of.
   *
   * @param head the fingerprint of its first bytes
   * @param size its size
   * @param files the tracked files
   */
  NewFile classifyNew(FileKey key, Path path, Fingerprint head, long size, List<TailedFile> files) {
    if (head.length() < reading.fingerprintBytes()) {
      waitingSince.remove(key);
      return NewFile.OWN;
    }
    for (TailedFile f : files) {
      if (f.fingerprint().equals(head) && mayHaveGiven(f, path) && f.headChanged()) {
        waitingSince.remove(key);
        // adopted by a later listing, once the original's lines in this batch are committed
        return f.batchEnd() >= 0 ? NewFile.LATER : new NewFile(NewFile.Kind.COPY, f);
      }
    }
    for (TailedFile f : files) {
      if (f.fingerprint().equals(head) && mayHaveGiven(f, path) && size <= f.sizeAtPath()) {
        if (stillWaiting(key)) {
          return NewFile.LATER;
        }
        break;
      }
    }
    waitingSince.remove(key);
    return NewFile.OWN;
  }

  /**
   * Whether lines of {@code f} may have left under its identity, so that a copy of it must continue
   * it: some are committed, or it was resumed at start, when lines past its saved position may have
   * left before a kill (its identity is saved before its first line leaves, its position after the
   * channel's commit). A file resumed at offset 0 was read from its first byte: its copy is taken
   * for one only when the fingerprint is as long as fingerprints get and the copy is beside it,
   * named after it, and only one copy (adopting one clears the mark), so that files merely
   * beginning alike (a header) are never paired. Taken for a file of its own, the copy's lines
   * would leave again under a new identity, and a loader counting once per line id would count them
   * twice.
   */
  private boolean mayHaveGiven(TailedFile f, Path copy) {
    return f.committed() > 0
        || (f.resumedFromSave()
            && f.fingerprint().length() >= reading.fingerprintBytes()
            && namedAfter(copy, f));
  }

  /**
   * Whether {@code copy} is beside {@code f} and named after it ({@code access.log.1}, {@code
   * access.log-20261207}), as logrotate names its copies: with nothing committed, nothing shows
   * that a line left, and an unrelated file that begins with the same long header must never be
   * taken for the copy (its lines would carry ids already sent, and be skipped as repeats).
   */
  private static boolean namedAfter(Path copy, TailedFile f) {
    Path a = copy.toAbsolutePath();
    Path b = f.path().toAbsolutePath();
    return Objects.equals(a.getParent(), b.getParent())
        && a.getFileName().toString().startsWith(b.getFileName().toString());
  }

  /** Forgets the waits of files {@code keep} no longer holds (gone, or no longer matched). */
  void keepWaitsOf(Predicate<FileKey> keep) {
    waitingSince.keySet().removeIf(keep.negate());
  }

  /**
   * Checks the open, tracked {@code f} before it is read and handles what a rotation did to it.
   *
   * @param files every tracked file
   * @param tracked whether a key is tracked
   */
  Change check(TailedFile f, List<TailedFile> files, Predicate<FileKey> tracked)
      throws IOException {
    if (!f.isOpen() || !rewritten(f)) {
      return Change.UNCHANGED;
    }
    if (f.batchEnd() >= 0) {
      // lines of its old content are in this batch: the next one reads the copy from exactly
      // where they end, before any newer line
      return Change.BATCH_ENDS;
    }
    TailedFile original = truncatedOriginalOf(f, files);
    if (original != null) {
      waitingSince.remove(f.key());
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
      return new Change(Change.Kind.CONTINUES, f);
    }
    if (copyInProgress(f, files)) {
      return Change.COPY_IN_PROGRESS;
    }
    waitingSince.remove(f.key());
    counter.incrementTruncationsDetected();
    return truncated(f, files, tracked);
  }

  /**
   * Whether {@code f} no longer holds what was read from it: it is shorter than the read position,
   * or its first bytes changed (truncated and written past the old position again). The first bytes
   * are compared once per size the file grows to.
   */
  private boolean rewritten(TailedFile f) throws IOException {
    long size = f.sizeNow();
    if (size < f.readTo() || size < f.committed()) {
      return true;
    }
    if (f.headMatchedAt(size)) {
      return false;
    }
    if (!f.startsWith(f.fingerprint())) {
      return true;
    }
    f.headMatches(size);
    return false;
  }

  /** {@code f} was truncated: its copy, tracked or found beside it, is read first. */
  private Change truncated(TailedFile f, List<TailedFile> files, Predicate<FileKey> tracked)
      throws IOException {
    long from = f.committed();
    Fingerprint before = f.fingerprint();
    String identity = f.identity();
    Path copy = from > 0 && before.length() > 0 ? findCopy(f, before, from, tracked) : null;
    TailedFile trackedCopy = copy == null && from > 0 ? trackedCopyOf(f, files) : null;
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
      return new Change(Change.Kind.TRUNCATED_COPY_TRACKED, trackedCopy);
    }
    f.restartFromBeginning();
    if (copy == null) {
      LOG.info("Source {}: {} was truncated; reading it from its start", sourceName, f);
      return Change.TRUNCATED;
    }
    FileKey.Stat stat = FileKey.stat(copy);
    waitingSince.remove(stat.key());
    // no glob need match the copy: it is read to its end and then forgotten
    // the copy continues the file's offsets under the file's identity; the file, restarted above,
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
    counter.incrementCopyRecoveries();
    LOG.info(
        "Source {}: {} was truncated; reading its copy {} from offset {}, then the file from its"
            + " start",
        sourceName,
        f,
        copy,
        from);
    return new Change(Change.Kind.TRUNCATED_COPY_FOUND, rest);
  }

  /** Whether {@code key} has looked like a copy in progress for less than the copy wait. */
  private boolean stillWaiting(FileKey key) {
    long now = reading.nanoClock().getAsLong();
    long since = waitingSince.computeIfAbsent(key, k -> now);
    return now - since < COPY_WAIT_NANOS;
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
   * Whether {@code f} starts with the first bytes of the other tracked file {@code g}, and they
   * identify {@code g}'s committed lines: {@code f} may be their copy.
   */
  private boolean startsLike(TailedFile f, TailedFile g) throws IOException {
    return g != f
        && g.committed() > 0
        && identifies(g.fingerprint(), g)
        && stillAt(g)
        && f.startsWith(g.fingerprint());
  }

  /**
   * The tracked file that {@code f}, rewritten, is now a copy of: one that was truncated too, whose
   * first bytes {@code f} now starts with and whose committed lines {@code f} is long enough to
   * hold. Only a file that had given all it held (drained, no lines out in a batch) can have been
   * deleted and its inode reused; a file still being written is truncated, not replaced.
   */
  private TailedFile truncatedOriginalOf(TailedFile f, List<TailedFile> files) throws IOException {
    if (!gaveAll(f)) {
      return null;
    }
    long size = f.sizeNow();
    for (TailedFile g : files) {
      if (g.batchEnd() < 0 && size >= g.committed() && startsLike(f, g) && g.headChanged()) {
        return g;
      }
    }
    return null;
  }

  /**
   * Whether the rewritten {@code f} is a copy copytruncate is still making of a tracked file not
   * yet truncated (it starts with that file's first bytes and is no longer than it): it waits, up
   * to {@link #COPY_WAIT_NANOS}, as a new file that looks like a copy does, for the truncation,
   * then continues that file's lines; read now, its lines would be read again under a new identity.
   */
  private boolean copyInProgress(TailedFile f, List<TailedFile> files) throws IOException {
    if (!gaveAll(f)) {
      return false;
    }
    long size = f.sizeNow();
    for (TailedFile g : files) {
      if (startsLike(f, g) && !g.headChanged() && size <= g.sizeAtPath()) {
        return stillWaiting(f.key());
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

  /**
   * A tracked file that was rewritten and now holds the copy of the truncated {@code f} (its inode
   * was reused for the copy): it starts with {@code f}'s first bytes and is long enough, it had
   * given all it held before, and it still is the file its path names (a closed file is looked at
   * by its path).
   */
  private TailedFile trackedCopyOf(TailedFile f, List<TailedFile> files) throws IOException {
    if (!identifies(f.fingerprint(), f)) {
      return null;
    }
    for (TailedFile h : files) {
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
  private Path findCopy(TailedFile f, Fingerprint head, long from, Predicate<FileKey> tracked) {
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
              || tracked.test(stat.key())
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
