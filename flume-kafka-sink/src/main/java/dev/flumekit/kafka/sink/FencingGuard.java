package dev.flumekit.kafka.sink;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Tells a transactional.id that two running writers share from a writer fenced now and then. A
 * single fence happens to a healthy writer (its transaction outlived transaction.timeout.ms, or a
 * restart of the same component overlapped its old incarnation): the writer replaces its producer
 * and goes on. Two writers with one id fence each other each time either replaces its producer,
 * without end; so a writer fenced {@value #LIMIT} times within {@link #WINDOW_NANOS} stops sending
 * for a pause (1 minute, doubling with each further episode up to 30 minutes) and says why, instead
 * of fencing the other back at once. The other writer goes on meanwhile. Nothing is lost: refused
 * batches stay in the channel (a sink) or are read again by the source (the Kafka channel's put
 * side). A healthy writer that hit the limit (transaction timeouts during a broker incident) sends
 * again after its pause.
 */
final class FencingGuard {
  static final int LIMIT = 3;
  static final long WINDOW_NANOS = 10 * 60 * 1_000_000_000L;
  static final long FIRST_PAUSE_NANOS = 60 * 1_000_000_000L;
  static final long MAX_PAUSE_NANOS = 30 * 60 * 1_000_000_000L;

  private final LongSupplier nanoClock;
  private final ArrayDeque<Long> fences = new ArrayDeque<>();
  private long pauseNanos = FIRST_PAUSE_NANOS;
  private long pausedUntil;
  private boolean paused;

  FencingGuard(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * The producer was fenced by another one with its transactional.id.
   *
   * @return whether to replace it and go on; false while the id is taken for shared
   */
  synchronized boolean fenced() {
    long now = nanoClock.getAsLong();
    if (shared(now)) {
      return false;
    }
    fences.addLast(now);
    while (now - fences.peekFirst() > WINDOW_NANOS) {
      fences.removeFirst();
    }
    if (fences.size() >= LIMIT) {
      fences.clear();
      paused = true;
      pausedUntil = now + pauseNanos;
      pauseNanos = Math.min(MAX_PAUSE_NANOS, pauseNanos * 2);
      return false;
    }
    return true;
  }

  /** Whether the writer pauses now because another running writer uses its transactional.id. */
  synchronized boolean shared() {
    return shared(nanoClock.getAsLong());
  }

  /** How long the current pause lasts, in minutes (for the message that announces it). */
  synchronized long pauseMinutes() {
    return Math.max(1, (pausedUntil - nanoClock.getAsLong()) / 60_000_000_000L);
  }

  private boolean shared(long now) {
    if (paused && now - pausedUntil >= 0) {
      paused = false;
    }
    return paused;
  }
}
