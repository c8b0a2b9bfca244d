package dev.flumekit.common.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets one log line per cause through per interval: a poison stream (thousands of dead letters a
 * second, all for the same reason) costs a line every few seconds, not one per event, and the line
 * that gets through says how many were held back. Causes are the few kinds of failure (an error
 * class, a check name), not event values, so the map stays small; it is cleared if it ever grows
 * past {@value #MAX_CAUSES}.
 */
public final class LogLimiter {
  private static final int MAX_CAUSES = 1000;

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, long[]> causes = new ConcurrentHashMap<>();

  public LogLimiter(long intervalMillis) {
    this(intervalMillis, System::nanoTime);
  }

  LogLimiter(long intervalMillis, LongSupplier nanoClock) {
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /**
   * Whether a line for {@code cause} may be logged now.
   *
   * @return -1 to hold it back, else how many lines for this cause were held back since the last
   *     one logged
   */
  public long admit(String cause) {
    if (causes.size() > MAX_CAUSES) {
      causes.clear();
    }
    long now = nanoClock.getAsLong();
    long[] state = causes.computeIfAbsent(cause, c -> new long[] {now - intervalNanos, 0});
    synchronized (state) {
      if (now - state[0] >= intervalNanos) {
        long held = state[1];
        state[0] = now;
        state[1] = 0;
        return held;
      }
      state[1]++;
      return -1;
    }
  }
}
