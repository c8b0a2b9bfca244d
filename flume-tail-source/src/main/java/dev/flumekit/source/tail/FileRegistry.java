package dev.flumekit.source.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the source tails, kept in step with the file system: which files the globs match, each
 * known by its identity (device and inode) rather than its name, so that a rename is followed and a
 * new file under an old name is a new file. A file renamed away or deleted is retired: read to its
 * end, then forgotten. What a new file is (a file of its own or the copy copytruncate left of a
 * tracked file) and what happened to a tracked file's content is decided by {@link Rotation}; the
 * registry tracks the files it names. Files are kept in the order their lines were written: a copy
 * or a file rotated away before its successor.
 */
final class FileRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(FileRegistry.class);

  private final String sourceName;
  private final TailSourceConfig config;
  private final TailReading reading;
  private final TailSourceCounter counter;
  private final long idleNanos;
  private final int maxOpenFiles;

  private final List<TailedFile> files = new ArrayList<>();

  /** Decides what rotations did to the files' content (copytruncate, truncation). */
  private final Rotation rotation;

  private final Map<FileKey, TailedFile> byKey = new HashMap<>();

  FileRegistry(String sourceName, TailSourceConfig config, TailReading reading) {
    this.sourceName = sourceName;
    this.config = config;
    this.reading = reading;
    this.counter = reading.counter();
    this.idleNanos = config.get(TailSourceConfig.IDLE_TIMEOUT_MS) * 1_000_000L;
    this.maxOpenFiles = config.get(TailSourceConfig.MAX_OPEN_FILES);
    this.rotation = new Rotation(sourceName, reading, idleNanos);
  }

  /**
   * Opens {@code f} if fewer than maxOpenFiles files are open, closing idle drained ones first.
   *
   * @return whether {@code f} is open
   */
  private boolean openWithinLimit(TailedFile f) throws IOException {
    if (f.isOpen()) {
      return true;
    }
    if (openFiles() >= maxOpenFiles) {
      for (TailedFile other : files) {
        if (other.isOpen() && !other.retired() && other.idleFor(idleNanos) && other.drained()) {
          other.close();
        }
      }
      if (openFiles() >= maxOpenFiles) {
        return false;
      }
    }
    f.open();
    return true;
  }

  private int openFiles() {
    int open = 0;
    for (TailedFile f : files) {
      open += f.isOpen() ? 1 : 0;
    }
    return open;
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
  }

  /** Every tracked file, in the order their lines were written; a copy the caller may change. */
  List<TailedFile> files() {
    return List.copyOf(files);
  }

  /**
   * Checks {@code f} for a rotation before it is read (see {@link Rotation#check}); a copy found
   * beside it is tracked from now on, just before it.
   */
  Rotation.Change checkRotation(TailedFile f) throws IOException {
    Rotation.Change change = rotation.check(f, files(), byKey::containsKey);
    if (change.kind() == Rotation.Change.Kind.TRUNCATED_COPY_FOUND) {
      addBefore(change.readFirst(), f);
    }
    return change;
  }

  /** Tracks {@code copy}, whose lines precede those of {@code original}, just before it. */
  private void addBefore(TailedFile copy, TailedFile original) {
    files.add(files.indexOf(original), copy);
    byKey.put(copy.key(), copy);
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

  private record Match(FileGroup group, Path path, FileKey.Stat stat) {}

  /** Lists the globs again: new files, renames, deletions; idle files are closed. */
  void scan() {
    scan(Map.of(), false);
  }

  private void scan(Map<FileKey, Position> saved, boolean startup) {
    Set<FileKey> seen = new HashSet<>();
    List<Match> matched = new ArrayList<>();
    for (FileGroup group : config.groups()) {
      List<Path> found;
      try {
        found = group.find(reading.followSymlinks());
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
    rotation.keepWaitsOf(key -> seen.contains(key) || byKey.containsKey(key));
    for (TailedFile f : List.copyOf(files)) {
      if (!seen.contains(f.key()) && !f.retired()) {
        rotation.unlisted(f);
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
    for (TailedFile f : files) {
      // retired files waiting for a slot: they are read to their end before newer lines
      if (!f.isOpen() && f.retired()) {
        try {
          openWithinLimit(f);
        } catch (IOException e) {
          counter.incrementReadFailures();
        }
      }
    }
    counter.setFilesTracked(files.size());
    counter.setFilesOpen(openFiles());
  }

  private void track(FileGroup group, Path path, FileKey.Stat stat, Position saved, boolean startup)
      throws IOException {
    TailedFile known = byKey.get(stat.key());
    if (known != null) {
      rotation.listedAt(known, path);
      if (!known.isOpen() && (stat.size() != known.knownSize() || !known.drained())) {
        openWithinLimit(known);
      }
      return;
    }
    TailedFile f;
    if (saved != null) {
      f =
          new TailedFile(
              group,
              path,
              stat.key(),
              saved.fingerprint(),
              saved.offset(),
              savedIdentity(saved, path),
              // under another name: rotated away from it while the source was stopped
              saved.path().equals(path) ? TailedFile.Standing.LIVE : TailedFile.Standing.OLDER,
              reading);
      f.resumed();
      openWithinLimit(f);
    } else {
      long start = startup && config.get(TailSourceConfig.SKIP_TO_END) ? stat.size() : 0;
      Fingerprint head;
      try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
        head = Fingerprint.of(c, reading.fingerprintBytes());
      }
      Rotation.NewFile found = rotation.classifyNew(stat.key(), path, head, stat.size(), files);
      if (found.kind() == Rotation.NewFile.Kind.LATER) {
        return; // a copy not yet adopted: copytruncate has not truncated, or a batch is out
      }
      TailedFile original = found.original();
      // when the glob matches the copy copytruncate made, read only what the original had not given
      long from = original != null ? original.committed() : start;
      // a copy continues its original's offsets, so it continues its identity too
      String identity = original != null ? original.identity() : FileIdentity.fresh();
      // a copy's lines precede the live files'
      TailedFile.Standing standing =
          original != null ? TailedFile.Standing.OLDER : TailedFile.Standing.LIVE;
      f = new TailedFile(group, path, stat.key(), head, from, identity, standing, reading);
      openWithinLimit(f);
      if (original != null) {
        addBefore(f, original);
        original.copyAdopted();
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
      warnIfPossiblyACopy(f, path);
    }
    files.add(f);
    byKey.put(stat.key(), f);
  }

  /**
   * Says so when {@code f}, read as a file of its own, may be the copy of a file resumed at offset
   * 0 whose fingerprint was too short to tell (it held few bytes when its identity was saved): if
   * that file's lines had left before a kill, they leave again under {@code f}'s new identity, and
   * a loader counting once per line id counts them twice. Loud rather than guessed: pairing files
   * on a few bytes could take a new file beginning with the same header for a copy.
   */
  private void warnIfPossiblyACopy(TailedFile f, Path path) {
    for (TailedFile g : files) {
      if (g == f
          || !g.isOpen() // a closed file's path may name another file since
          || !g.resumedFromSave()
          || g.committed() > 0
          || g.fingerprint().length() == 0
          || g.fingerprint().length() >= reading.fingerprintBytes()) {
        continue;
      }
      try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
        if (g.fingerprint().matches(c) && g.headChanged()) {
          LOG.warn(
              "Source {}: {} begins like {}, truncated while the source was stopped, whose first"
                  + " {} bytes are too few to tell a copy from a file beginning alike: read as a"
                  + " file of its own; if it is {}'s copy, lines sent just before the stop are sent"
                  + " again under a new line id",
              sourceName,
              f,
              g,
              g.fingerprint().length(),
              g);
        }
      } catch (IOException e) {
        // gone or unreadable: nothing to say
      }
    }
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
    try {
      TailedFile f =
          new TailedFile(
              group,
              path,
              saved.key(),
              saved.fingerprint(),
              saved.offset(),
              savedIdentity(saved, path),
              TailedFile.Standing.RETIRED,
              reading);
      f.resumed();
      files.add(f);
      byKey.put(saved.key(), f);
      openWithinLimit(f);
      LOG.info("Source {}: reading the rest of {} from offset {}", sourceName, f, saved.offset());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Source {}: cannot open {}: {}", sourceName, path, e.toString());
    }
  }

  /**
   * The identity a saved file's lines carried: the one saved with it; for a version-1 positions
   * file, which saved none, the first-line checksum that version used while lines were sent (an
   * empty file, which cannot have sent any, takes a new one).
   */
  private static String savedIdentity(Position saved, Path path) throws IOException {
    if (saved.identity() != null) {
      return saved.identity();
    }
    try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
      // even at offset 0: that version may have sent lines whose position it had not saved yet
      return c.size() == 0 ? FileIdentity.fresh() : FileIdentity.ofFirstLine(c);
    }
  }

  /** Whether the moved-away {@code f} is still there to be read (now or once a slot is free). */
  private boolean reopenMovedAway(TailedFile f) {
    Path path = locate(f.key(), f.path());
    if (path == null) {
      return false;
    }
    f.movedTo(path);
    try {
      openWithinLimit(f);
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
