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
  private boolean stopping;

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
    notifyAll();
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
    List<Position> last = take();
    if (last != null && !write(last)) {
      LOG.error(
          "Positions could not be saved to {}: lines since the last saved positions will be read"
              + " again at start",
          file.path());
    }
  }

  private synchronized List<Position> take() {
    List<Position> next = latest;
    latest = null;
    return next;
  }

  private void run() {
    while (true) {
      List<Position> next;
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
      boolean written = write(next);
      if (!written) {
        synchronized (this) {
          if (latest == null) {
            latest = next;
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

  private boolean write(List<Position> positions) {
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
