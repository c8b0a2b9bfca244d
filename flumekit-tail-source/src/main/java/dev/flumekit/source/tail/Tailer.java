package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the set of tailed files in step with the file system (new files, rotation by rename,
 * deletion, truncation) and fills batches from them. Files renamed away or deleted are read first,
 * so a rotated file is read to its end before its successor's lines follow; the others take turns
 * starting a batch, so one busy file cannot starve the rest.
 */
final class Tailer {
  private static final Logger LOG = LoggerFactory.getLogger(Tailer.class);

  private final String sourceName;
  private final TailSourceConfig config;
  private final TailReading reading;
  private final TailSourceCounter counter;
  private final LongSupplier nanoClock;
  private final long idleNanos;
  private final long rescanNanos;

  private final List<TailedFile> files = new ArrayList<>();
  private final Map<FileKey, TailedFile> byKey = new HashMap<>();
  private long nextScanNanos;
  private int nextLive;

  Tailer(String sourceName, TailSourceConfig config, TailReading reading) {
    this.sourceName = sourceName;
    this.config = config;
    this.reading = reading;
    this.counter = reading.counter();
    this.nanoClock = reading.nanoClock();
    this.idleNanos = config.get(TailSourceConfig.IDLE_TIMEOUT_MS) * 1_000_000L;
    this.rescanNanos = config.get(TailSourceConfig.RESCAN_MS) * 1_000_000L;
  }

  /** Finds the files, resuming those with a saved position where it says. */
  void open(List<Position> saved) {
    Map<FileKey, Position> savedByKey = new HashMap<>();
    saved.forEach(p -> savedByKey.put(p.key(), p));
    scan(savedByKey, true);
    for (Position p : saved) {
      if (!byKey.containsKey(p.key())) {
        resumeMovedAway(p);
      }
    }
    nextScanNanos = nanoClock.getAsLong() + rescanNanos;
  }

  /** Adds lines to {@code batch}, from each file at most once, until it is full. */
  void read(TailBatch batch) {
    long now = nanoClock.getAsLong();
    if (now - nextScanNanos >= 0) {
      scan(Map.of(), false);
      nextScanNanos = now + rescanNanos;
    }
    // truncations first: the copy's lines are older than any live file's
    for (TailedFile f : List.copyOf(files)) {
      if (!handleRewritten(f, batch)) {
        return;
      }
    }
    List<TailedFile> live = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      TailedFile f = files.get(i);
      if (f.readFirst()) {
        visit(f, batch);
      } else {
        live.add(f);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    int first = Math.floorMod(nextLive++, live.size());
    for (int i = 0; i < live.size() && batch.hasRoom(); i++) {
      visit(live.get((first + i) % live.size()), batch);
    }
  }

  /** The batch is in the channel: its files' positions move past it. */
  void committed(TailBatch batch) {
    for (TailedFile f : batch.files()) {
      f.committedBatch();
    }
  }

  /** The channel refused the batch: every file goes back to its committed position. */
  void rolledBack() {
    for (TailedFile f : files) {
      f.rewind();
    }
  }

  /** The committed position of every tracked file. */
  List<Position> positions() {
    List<Position> positions = new ArrayList<>(files.size());
    for (TailedFile f : files) {
      positions.add(f.position());
    }
    return positions;
  }

  void close() {
    files.forEach(TailedFile::close);
  }

  private void visit(TailedFile f, TailBatch batch) {
    if (!batch.hasRoom() || !f.isOpen()) {
      return;
    }
    try {
      if (!handleRewritten(f, batch)) {
        return;
      }
      f.read(batch);
      if (batch.hasRoom() && f.idleFor(idleNanos)) {
        f.flushHeld(batch);
      }
    } catch (IOException e) {
      counter.incrementReadFailures();
      LOG.warn("Source {}: reading {} failed, will retry: {}", sourceName, f, e.toString());
    }
  }

  /**
   * Checks whether {@code f} was truncated and, if so, starts it again and reads the copy of its
   * unread lines first.
   *
   * @return whether {@code f} can be read now
   */
  private boolean handleRewritten(TailedFile f, TailBatch batch) {
    if (!f.isOpen()) {
      return true;
    }
    try {
      if (!f.wasRewritten()) {
        return true;
      }
      if (f.batchEnd() >= 0) {
        // lines of its old content are in this batch: the batch ends here, and the next one
        // reads the copy from exactly where they end, before any newer line
        batch.close();
        return false;
      }
      TailedFile copy = rewritten(f);
      if (copy != null) {
        visit(copy, batch);
        return copy.drained();
      }
      return true;
    } catch (IOException e) {
      counter.incrementReadFailures();
      LOG.warn("Source {}: checking {} failed, will retry: {}", sourceName, f, e.toString());
      return false;
    }
  }

  /**
   * The file lost what was read from it (copytruncate). It is read again from its start; and if the
   * rotation left a copy beside it that starts with the same bytes, the copy is read from where the
   * file had been read to, so the lines written between the last read and the copy are not lost.
   */
  private TailedFile rewritten(TailedFile f) throws IOException {
    counter.incrementTruncationsDetected();
    long from = f.committed();
    Fingerprint before = f.fingerprint();
    Path copy = from > 0 && before.length() > 0 ? findCopy(f, before, from) : null;
    f.restartFromBeginning();
    if (copy == null) {
      LOG.info("Source {}: {} was truncated; reading it from its start", sourceName, f);
      return null;
    }
    FileKey.Stat stat = FileKey.stat(copy);
    TailedFile rest = new TailedFile(f.group(), copy, stat.key(), before, from, true, reading);
    rest.markOlder();
    rest.open();
    files.add(files.indexOf(f), rest);
    byKey.put(stat.key(), rest);
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
   * The tracked file whose first bytes {@code head} were until it was truncated: a new file that
   * starts with them is its copy. Only a full-length fingerprint is trusted for this.
   */
  private TailedFile truncatedOriginalOf(Fingerprint head) {
    if (head.length() < reading.fingerprintBytes()) {
      return null;
    }
    for (TailedFile f : files) {
      if (f.fingerprint().equals(head) && f.committed() > 0 && f.headChanged()) {
        return f;
      }
    }
    return null;
  }

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
              || byKey.containsKey(stat.key())
              || stat.modifiedMillis() < foundModified
              || !FileKey.isRegularFile(candidate)) {
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

  private record Match(FileGroup group, Path path, FileKey.Stat stat) {}

  private void scan(Map<FileKey, Position> saved, boolean startup) {
    Set<FileKey> seen = new HashSet<>();
    List<Match> matched = new ArrayList<>();
    for (FileGroup group : config.groups()) {
      List<Path> found;
      try {
        found = group.find();
      } catch (IOException e) {
        counter.incrementReadFailures();
        LOG.warn("Source {}: listing {} failed: {}", sourceName, group.glob(), e.toString());
        // files not listed must not be taken for deleted
        files.forEach(f -> seen.add(f.key()));
        continue;
      }
      for (Path path : found) {
        try {
          FileKey.Stat stat = FileKey.stat(path);
          if (seen.add(stat.key())) {
            matched.add(new Match(group, path, stat));
          }
        } catch (IOException e) {
          // vanished between listing and stat: the next scan knows
        }
      }
    }
    // files with a position first: a new file may be the copy of one of them, whatever the names
    for (boolean known : new boolean[] {true, false}) {
      for (Match m : matched) {
        FileKey key = m.stat().key();
        if ((byKey.containsKey(key) || saved.containsKey(key)) == known) {
          try {
            track(m.group(), m.path(), m.stat(), saved.get(key), startup);
          } catch (IOException e) {
            // vanished or unreadable: the next scan tries again
          }
        }
      }
    }
    for (TailedFile f : List.copyOf(files)) {
      if (!seen.contains(f.key()) && !f.retired()) {
        f.retire();
        counter.incrementRenamesFollowed();
        LOG.info("Source {}: {} was renamed away or deleted; reading it to its end", sourceName, f);
        if (!f.isOpen() && !reopenMovedAway(f)) {
          forget(f);
        }
      }
    }
    for (TailedFile f : List.copyOf(files)) {
      try {
        if (f.isOpen() && f.idleFor(idleNanos) && f.drained()) {
          if (f.retired()) {
            LOG.info("Source {}: done with {}", sourceName, f);
            forget(f);
          } else {
            f.close();
          }
        }
      } catch (IOException e) {
        counter.incrementReadFailures();
      }
    }
    counter.setFilesTracked(files.size());
  }

  private void track(FileGroup group, Path path, FileKey.Stat stat, Position saved, boolean startup)
      throws IOException {
    TailedFile known = byKey.get(stat.key());
    if (known != null) {
      if (!known.path().equals(path)) {
        known.movedTo(path);
        known.markOlder();
      }
      if (known.retired()) {
        known.revive();
      }
      if (!known.isOpen() && stat.size() != known.knownSize()) {
        known.open();
      }
      return;
    }
    TailedFile f;
    if (saved != null) {
      f =
          new TailedFile(
              group, path, stat.key(), saved.fingerprint(), saved.offset(), false, reading);
      f.open();
      if (!saved.path().equals(path)) {
        f.markOlder(); // rotated away from its name while the source was stopped
      }
    } else {
      long start = startup && config.get(TailSourceConfig.SKIP_TO_END) ? stat.size() : 0;
      Fingerprint head;
      try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
        head = Fingerprint.of(c, reading.fingerprintBytes());
      }
      TailedFile original = truncatedOriginalOf(head);
      if (original != null && original.batchEnd() >= 0) {
        return; // adopted by a later scan, once the original's lines in this batch are committed
      }
      // when the glob matches the copy copytruncate made, read only what the original had not given
      long from = original != null ? original.committed() : start;
      f = new TailedFile(group, path, stat.key(), head, from, false, reading);
      f.open();
      if (original != null) {
        f.markOlder();
        files.add(files.indexOf(original), f);
        byKey.put(stat.key(), f);
        counter.incrementCopyRecoveries();
        LOG.info(
            "Source {}: {} is the copy of truncated {}; reading it from offset {}",
            sourceName,
            f,
            original,
            original.committed());
        return;
      }
      LOG.info("Source {}: tailing {} from offset {}", sourceName, f, start);
    }
    files.add(f);
    byKey.put(stat.key(), f);
  }

  /** A saved file no glob matches any more: read its rest if it is still beside its old name. */
  private void resumeMovedAway(Position saved) {
    Path path = locate(saved.key(), saved.path());
    if (path == null) {
      LOG.info(
          "Source {}: {} is gone; its saved position {} is dropped",
          sourceName,
          saved.path(),
          saved.offset());
      return;
    }
    FileGroup group = groupOf(saved.path());
    TailedFile f =
        new TailedFile(
            group, path, saved.key(), saved.fingerprint(), saved.offset(), true, reading);
    try {
      f.open();
      files.add(f);
      byKey.put(saved.key(), f);
      LOG.info("Source {}: reading the rest of {} from offset {}", sourceName, f, saved.offset());
    } catch (IOException e) {
      LOG.warn("Source {}: cannot open {}: {}", sourceName, path, e.toString());
    }
  }

  private boolean reopenMovedAway(TailedFile f) {
    Path path = locate(f.key(), f.path());
    if (path == null) {
      return false;
    }
    f.movedTo(path);
    try {
      f.open();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The file with {@code key} in {@code lastPath}'s directory, or null. */
  private static Path locate(FileKey key, Path lastPath) {
    Path dir = lastPath.toAbsolutePath().getParent();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        try {
          if (FileKey.stat(p).key().equals(key)) {
            return p;
          }
        } catch (IOException e) {
          // vanished: not it
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private FileGroup groupOf(Path path) {
    for (FileGroup g : config.groups()) {
      if (g.matches(path)) {
        return g;
      }
    }
    return config.groups().get(0);
  }

  private void forget(TailedFile f) {
    f.close();
    files.remove(f);
    byKey.remove(f.key());
  }
}
