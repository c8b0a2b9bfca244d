package dev.flumekit.common.retry;

/** Exponential delays between re-sends: base, 2 x base, 4 x base, ... capped at max. */
public record Backoff(long baseMs, long maxMs) {
  /** The delay before try number {@code retry} (1 for the first re-send). */
  public long delayMs(int retry) {
    long delay = baseMs;
    for (int i = 1; i < retry && delay < maxMs; i++) {
      delay *= 2;
    }
    return Math.min(delay, maxMs);
  }
}
