package dev.flumekit.source.tail;

import dev.flumekit.common.log.LogLimiter;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the positions file in the background: the reading thread hands over the positions after
 * each channel commit and goes on; the writer replaces the file with the newest positions it has,
 * so several commits during one write cost one write. Nothing uncommitted is ever handed over.
 */
final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final long RETRY_MS = 1000;

  private final PositionFile file;
  private final long minIntervalMs;
  private final TailSourceCounter counter;
  private final Thread writer;

  private final LogLimiter failureLog = new LogLimiter(30_000);

  private List<Position> latest;
  private long latestGeneration;
  private boolean stopping;

  /** Positions handed over so far: a later list is newer, whichever thread writes it. */
  private long generations;

  /** Guards the file: one write at a time, and never a list older than the one on disk. */
  private final Object fileLock = new Object();

  private long writtenGeneration;

  /** When the first of the current run of failed writes happened (currentTimeMillis), or 0. */
  private volatile long failingSinceMs;

  Checkpointer(PositionFile file, long minIntervalMs, TailSourceCounter counter, String name) {
    this.file = file;
    this.minIntervalMs = minIntervalMs;
    this.counter = counter;
    this.writer = new Thread(this::run, "tail-positions-" + name);
    this.writer.setDaemon(true);
  }

  void start() {
    writer.start();
  }

  /** The positions to write next, replacing any not yet written. */
  synchronized void submit(List<Position> positions) {
    latest = positions;
    latestGeneration = ++generations;
    notifyAll();
  }

  /**
   * Writes {@code positions} now, on the caller's thread, replacing any list not yet written (all
   * older). For positions that must be on disk before the caller goes on: a new file's identity
   * before its first line leaves.
   *
   * @return whether they are on disk
   */
  boolean writeNow(List<Position> positions) {
    long generation;
    synchronized (this) {
      latest = null;
      generation = ++generations;
    }
    if (write(generation, positions)) {
      return true;
    }
    // the background writer retries it (every second) until it is on disk, as it would have
    synchronized (this) {
      if (latest == null && generation > latestGeneration) {
        latest = positions;
        latestGeneration = generation;
        notifyAll();
      }
    }
    return false;
  }

  /** Stops the writer and writes the last positions handed over, if not written yet. */
  void close() {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending last = take();
    if (last != null && !write(last.generation(), last.positions())) {
      LOG.error(
          "Positions could not be saved to {}: lines since the last saved positions will be read"
              + " again at start",
          file.path());
    }
  }

  private record Pending(long generation, List<Position> positions) {}

  private synchronized Pending take() {
    Pending next = latest == null ? null : new Pending(latestGeneration, latest);
    latest = null;
    return next;
  }

  private void run() {
    while (true) {
      Pending next;
      synchronized (this) {
        while (latest == null && !stopping) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopping) {
          return;
        }
        next = take();
      }
      boolean written = write(next.generation(), next.positions());
      if (!written) {
        synchronized (this) {
          if (latest == null && next.generation() > writtenGeneration()) {
            latest = next.positions();
            latestGeneration = next.generation();
          }
        }
      }
      long pause = written ? minIntervalMs : RETRY_MS;
      if (pause > 0) {
        synchronized (this) {
          long until = System.currentTimeMillis() + pause;
          for (long left = pause;
              left > 0 && !stopping;
              left = until - System.currentTimeMillis()) {
            try {
              wait(left);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }
    }
  }

  /**
   * How long the positions file has failed to be written, in ms: 0 while the latest write
   * succeeded.
   */
  long failingForMs() {
    long since = failingSinceMs;
    return since == 0 ? 0 : Math.max(1, System.currentTimeMillis() - since);
  }

  private long writtenGeneration() {
    synchronized (fileLock) {
      return writtenGeneration;
    }
  }

  private boolean write(long generation, List<Position> positions) {
    synchronized (fileLock) {
      if (generation <= writtenGeneration) {
        return true; // a newer list is on disk already
      }
      if (!writeFile(positions)) {
        return false;
      }
      writtenGeneration = generation;
      return true;
    }
  }

  private boolean writeFile(List<Position> positions) {
    try {
      file.write(positions);
      counter.incrementCheckpointWrites();
      if (failingSinceMs != 0) {
        LOG.info("Positions written to {} again", file.path());
        failingSinceMs = 0;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      counter.incrementCheckpointFailures();
      if (failingSinceMs == 0) {
        failingSinceMs = System.currentTimeMillis();
      }
      // retried every second while the cause lasts (a full disk): one line per 30 s says so
      long held = failureLog.admit(e.getClass().getName());
      if (held >= 0) {
        LOG.warn(
            "Writing positions to {} failed, will retry ({} more failures since the last"
                + " message): {}",
            file.path(),
            held,
            e.toString());
      }
      return false;
    }
  }
}
