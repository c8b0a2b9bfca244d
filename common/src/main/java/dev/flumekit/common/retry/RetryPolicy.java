package dev.flumekit.common.retry;

/**
 * How often and how patiently a sink re-sends what failed with a retriable error.
 *
 * @param maxRetries re-sends before giving up; -1 for no limit
 * @param backoff the wait before each re-send
 */
public record RetryPolicy(int maxRetries, Backoff backoff) {
  /** Whether re-send number {@code retry} (1 for the first) is one too many. */
  public boolean exhausted(int retry) {
    return maxRetries >= 0 && retry > maxRetries;
  }
}
