package dev.flumekit.kafka.sink;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Tells a transactional.id that two running writers share from a writer fenced once. A single fence
 * happens to a healthy writer (its transaction outlived transaction.timeout.ms, or a restart of the
 * same component overlapped its old incarnation): the writer replaces its producer and goes on. Two
 * writers with one id fence each other each time either replaces its producer, for ever; so a
 * writer fenced {@value #LIMIT} times within {@link #WINDOW_NANOS} stops replacing it. The other
 * writer then goes on undisturbed, and this one refuses its batches with an error that names the
 * id, until its agent is restarted with an id of its own. Nothing is lost: refused batches stay in
 * the channel (a sink) or are read again by the source (the Kafka channel's put side).
 */
final class FencingGuard {
  static final int LIMIT = 3;
  static final long WINDOW_NANOS = 10 * 60 * 1_000_000_000L;

  private final LongSupplier nanoClock;
  private final ArrayDeque<Long> fences = new ArrayDeque<>();
  private boolean shared;

  FencingGuard(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * The producer was fenced by another one with its transactional.id.
   *
   * @return whether to replace it and go on; false once the id is taken for shared
   */
  synchronized boolean fenced() {
    long now = nanoClock.getAsLong();
    fences.addLast(now);
    while (now - fences.peekFirst() > WINDOW_NANOS) {
      fences.removeFirst();
    }
    if (fences.size() >= LIMIT) {
      shared = true;
    }
    return !shared;
  }

  /** Whether another running writer uses this writer's transactional.id. */
  synchronized boolean shared() {
    return shared;
  }
}
