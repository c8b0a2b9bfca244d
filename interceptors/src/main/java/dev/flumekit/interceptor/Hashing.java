package dev.flumekit.interceptor;

import java.util.List;
import java.util.Map;

/**
 * A stable 64-bit hash (FNV-1a with a final avalanche step) of header values or body bytes: the
 * same input gives the same value on every agent and every run, so sampling and keys agree across
 * restarts and hosts.
 */
final class Hashing {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Hashing() {}

  static long ofBytes(byte[] bytes) {
    long h = OFFSET;
    if (bytes != null) {
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * PRIME;
      }
    }
    return avalanche(h);
  }

  /** Hash of the named headers' values in order; absent headers hash as absent, not as "". */
  static long ofHeaders(Map<String, String> headers, List<String> names) {
    long h = OFFSET;
    for (String name : names) {
      String value = headers.get(name);
      if (value == null) {
        h = (h ^ 0x1ff) * PRIME;
        continue;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        h = (h ^ (c & 0xff)) * PRIME;
        h = (h ^ (c >>> 8)) * PRIME;
      }
      h = (h ^ 0x100) * PRIME;
    }
    return avalanche(h);
  }

  static long ofString(String value) {
    return ofHeaders(Map.of("", value), List.of(""));
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  static String hex(long hash) {
    String digits = Long.toHexString(hash);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
