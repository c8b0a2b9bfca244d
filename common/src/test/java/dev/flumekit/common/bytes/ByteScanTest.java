package dev.flumekit.common.bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {
  private static int naive(byte[] b, int from, int to, byte x, byte y) {
    for (int i = from; i < to; i++) {
      if (b[i] == x || b[i] == y) {
        return i;
      }
    }
    return to;
  }

  @Test
  void findsWhatALoopFindsAtEveryAlignmentAndByteValue() {
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // few distinct values, high bytes included, so matches and near-misses are frequent
        b[i] = (byte) (random.nextInt(4) * 0x41 + (random.nextBoolean() ? 0x80 : 0));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      byte x = (byte) (random.nextInt(4) * 0x41 + (random.nextBoolean() ? 0x80 : 0));
      byte y = (byte) (random.nextInt(4) * 0x41);
      assertEquals(naive(b, from, to, x, x), ByteScan.indexOf(b, from, to, x));
      assertEquals(naive(b, from, to, x, y), ByteScan.indexOfEither(b, from, to, x, y));
    }
  }
}
