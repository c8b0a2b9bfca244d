package dev.flumekit.hbase.sink;

/** Exponential backoff: the first wait, doubling per attempt, capped. */
record Backoff(long initialMs, long maxMs) {
  long delayMs(int attempt) {
    long delay = initialMs << Math.min(attempt, 30);
    return delay <= 0 || delay > maxMs ? maxMs : delay;
  }
}
