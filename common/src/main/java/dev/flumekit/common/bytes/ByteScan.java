package dev.flumekit.common.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time (SWAR: one 64-bit word compared against a repeated byte, with the
 * classic has-zero-byte bit trick): what makes splitting lines and scanning long user agents cheap.
 * Only the lowest match in a word is trusted, which the trick gets right.
 */
public final class ByteScan {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /** Index of the first {@code x} in {@code b[from, to)}, or {@code to}. */
  public static int indexOf(byte[] b, int from, int to, byte x) {
    long px = ONES * (x & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long m = (long) LONGS.get(b, i) ^ px;
      long found = (m - ONES) & ~m & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return to;
  }

  /** Index of the first {@code x} or {@code y} in {@code b[from, to)}, or {@code to}. */
  public static int indexOfEither(byte[] b, int from, int to, byte x, byte y) {
    long px = ONES * (x & 0xff);
    long py = ONES * (y & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(b, i);
      long mx = word ^ px;
      long my = word ^ py;
      long found = ((mx - ONES) & ~mx & HIGHS) | ((my - ONES) & ~my & HIGHS);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == x || b[i] == y) {
        return i;
      }
    }
    return to;
  }
}
