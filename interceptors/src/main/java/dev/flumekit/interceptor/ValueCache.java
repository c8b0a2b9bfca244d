package dev.flumekit.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings decoded from bytes, remembered in a small direct-mapped table so that values which repeat
 * across lines (user agents, referers, statuses, methods) are decoded and allocated once. A hit
 * costs one vectorized comparison; a miss, one decode plus a copy of the bytes. Not thread-safe:
 * one per thread.
 */
final class ValueCache {
  private static final int SLOTS = 64;
  private static final int MAX_LENGTH = 512;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  String decode(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length == 0 || length > MAX_LENGTH) {
      return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
    int slot =
        (length * 31 + bytes[from] * 17 + bytes[to - 1] * 7 + bytes[from + length / 2])
            & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, from, to)) {
      return values[slot];
    }
    keys[slot] = Arrays.copyOfRange(bytes, from, to);
    return values[slot] = new String(bytes, from, length, StandardCharsets.UTF_8);
  }
}
