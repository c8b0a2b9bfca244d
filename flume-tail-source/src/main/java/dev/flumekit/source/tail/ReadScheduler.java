package dev.flumekit.source.tail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills batches from the tracked files, in the order their lines were written: truncated files'
 * copies first, then files rotated away or older, read to their end before their successors' lines
 * follow; the live files take turns starting a batch, so one busy file cannot starve the rest. The
 * globs are listed again every rescanIntervalMillis.
 */
final class ReadScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ReadScheduler.class);

  private final String sourceName;
  private final FileRegistry registry;
  private final TailSourceCounter counter;
  private final LongSupplier nanoClock;
  private final long idleNanos;
  private final long rescanNanos;

  private long nextScanNanos;
  private int nextLive;

  ReadScheduler(String sourceName, TailSourceConfig config, TailReading reading) {
    this.sourceName = sourceName;
    this.registry = new FileRegistry(sourceName, config, reading);
    this.idleNanos = config.get(TailSourceConfig.IDLE_TIMEOUT_MS) * 1_000_000L;
    this.counter = reading.counter();
    this.nanoClock = reading.nanoClock();
    this.rescanNanos = config.get(TailSourceConfig.RESCAN_MS) * 1_000_000L;
  }

  /** Finds the files, resuming those with a saved position where it says. */
  void open(List<Position> saved) {
    registry.open(saved);
    nextScanNanos = nanoClock.getAsLong() + rescanNanos;
  }

  /** Adds lines to {@code batch}, from each file at most once, until it is full. */
  void read(TailBatch batch) {
    long now = nanoClock.getAsLong();
    if (now - nextScanNanos >= 0) {
      registry.scan();
      nextScanNanos = now + rescanNanos;
    }
    List<TailedFile> files = registry.files();
    // truncations first: the copy's lines are older than any live file's
    for (TailedFile f : files) {
      f.release();
      if (!checkRotation(f, batch)) {
        return;
      }
    }
    files = registry.files();
    List<TailedFile> live = new ArrayList<>(files.size());
    for (TailedFile f : files) {
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
    for (TailedFile f : registry.files()) {
      f.rewind();
    }
  }

  /** The committed position of every tracked file. */
  List<Position> positions() {
    return registry.positions();
  }

  /** Whether a line of {@code batch} carries an identity no positions file on disk holds yet. */
  boolean carriesUnsavedIdentity(TailBatch batch) {
    for (TailedFile f : batch.files()) {
      if (!f.identitySaved()) {
        return true;
      }
    }
    return false;
  }

  /** {@code written} is on disk: the identities it holds survive a restart. */
  void identitiesSaved(List<Position> written) {
    Set<String> saved = new HashSet<>();
    written.forEach(p -> saved.add(p.identity()));
    for (TailedFile f : registry.files()) {
      if (saved.contains(f.identity())) {
        f.markIdentitySaved();
      }
    }
  }

  void close() {
    registry.close();
  }

  private void visit(TailedFile f, TailBatch batch) {
    if (!batch.hasRoom() || !f.isOpen() || f.held()) {
      return;
    }
    try {
      if (!checkRotation(f, batch)) {
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
   * Checks {@code f} for a rotation that changed its content (see {@link Rotation}) and reads first
   * the file whose lines come before its own.
   *
   * @return whether {@code f} can be read now
   */
  private boolean checkRotation(TailedFile f, TailBatch batch) {
    try {
      Rotation.Change change = registry.checkRotation(f);
      switch (change.kind()) {
        case UNCHANGED, TRUNCATED:
          return true;
        case BATCH_ENDS:
          batch.close();
          return false;
        case COPY_IN_PROGRESS:
          f.holdUntilNextCheck();
          return true;
        default:
          TailedFile first = change.readFirst();
          visit(first, batch);
          return first.drained();
      }
    } catch (IOException e) {
      counter.incrementReadFailures();
      LOG.warn("Source {}: checking {} failed, will retry: {}", sourceName, f, e.toString());
      return false;
    }
  }
}
