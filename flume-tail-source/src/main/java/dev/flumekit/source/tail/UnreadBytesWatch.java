package dev.flumekit.source.tail;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures each tracked file's unread bytes (its size now minus the position its lines are
 * committed to) on a thread of its own, every {@value #PERIOD_MS} ms: the source's own thread
 * blocks in the channel's put while the channel blocks, which is when the figure matters most. It
 * never touches the reader's state: the source hands it the committed positions, an immutable list,
 * after each batch; it stats the files itself.
 */
final class UnreadBytesWatch implements AutoCloseable {
  static final long PERIOD_MS = 3_000;

  private final TailSourceCounter counter;
  private volatile List<Position> positions = List.of();
  private ScheduledExecutorService timer;

  UnreadBytesWatch(TailSourceCounter counter) {
    this.counter = counter;
  }

  /** Starts measuring on its own thread. */
  void start(String sourceName) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-" + sourceName + "-unread-bytes");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** The files tracked now and their committed positions, as the source's thread knows them. */
  void track(List<Position> committed) {
    positions = List.copyOf(committed);
  }

  /**
   * Measures now. A path that holds another file than the one tracked under it (rotated while the
   * source's thread was blocked, so not yet listed) counts the new file whole: none of it is read.
   */
  void measure() {
    Map<String, Long> unread = new HashMap<>();
    for (Position p : positions) {
      long bytes;
      try {
        FileKey.Stat stat = FileKey.stat(p.path());
        bytes = stat.key().equals(p.key()) ? Math.max(0, stat.size() - p.offset()) : stat.size();
      } catch (IOException e) {
        bytes = 0; // deleted or moved away: the next listing finds it, or it is gone
      }
      unread.merge(p.path().toString(), bytes, Long::sum);
    }
    counter.setUnreadBytes(unread);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
