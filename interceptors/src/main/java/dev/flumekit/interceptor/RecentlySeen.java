package dev.flumekit.interceptor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes seen within a time window, in bounded memory: at most {@code maxEntries} are remembered,
 * and the oldest are forgotten first. 64-bit hashes stand for the values, so two different values
 * collide with odds of about n²/2⁶⁵ (10⁻⁹ at 200,000 entries).
 */
final class RecentlySeen {
  private final long windowMs;
  private final int maxEntries;
  private final LinkedHashMap<Long, Long> firstSeen;

  RecentlySeen(long windowMs, int maxEntries) {
    this.windowMs = windowMs;
    this.maxEntries = maxEntries;
    this.firstSeen = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, false);
  }

  /**
   * True if {@code hash} was seen less than the window before {@code nowMs}; remembers it if not.
   */
  synchronized boolean seenRecently(long hash, long nowMs) {
    Long key = hash;
    Long previous = firstSeen.get(key);
    if (previous != null && nowMs - previous < windowMs) {
      return true;
    }
    if (previous != null) {
      firstSeen.remove(key);
    }
    firstSeen.put(key, nowMs);
    evict(nowMs);
    return false;
  }

  private void evict(long nowMs) {
    var it = firstSeen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Long> eldest = it.next();
      if (firstSeen.size() > maxEntries || nowMs - eldest.getValue() >= windowMs) {
        it.remove();
      } else {
        return;
      }
    }
  }

  synchronized int size() {
    return firstSeen.size();
  }
}
