package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenOffsetsTest {
  @Test
  void theFirstOpenOffsetFollowsWhatWasHandedOnInAnyOrder() {
    OpenOffsets o = new OpenOffsets();
    assertTrue(o.isEmpty());
    for (long offset = 10; offset < 15; offset++) {
      o.add(offset);
    }
    assertTrue(o.remove(11));
    assertFalse(o.remove(11));
    assertEquals(10, o.first());
    assertTrue(o.remove(10));
    assertEquals(12, o.first());
    o.add(10); // held again after a failed commit
    assertEquals(10, o.first());
    o.clearFrom(13);
    assertTrue(o.remove(10));
    assertTrue(o.remove(12));
    assertTrue(o.isEmpty());
    assertFalse(o.remove(13));
  }

  @Test
  void anOffsetHeldAgainWhenTheArrayIsFullLandsInPlace() {
    OpenOffsets o = new OpenOffsets();
    for (long offset = 0; offset < 128; offset += 2) { // 64 entries: the array is full
      o.add(offset);
    }
    for (long offset = 0; offset < 20; offset += 2) {
      assertTrue(o.remove(offset)); // the first ten handed on
    }
    o.add(41); // between two open ones, while the array is full and its head has moved
    assertTrue(o.remove(40));
    assertEquals(20, o.first());
    for (long offset = 20; offset < 40; offset += 2) {
      assertTrue(o.remove(offset));
    }
    assertEquals(41, o.first());
    assertTrue(o.remove(41));
    assertEquals(42, o.first());
  }

  /** Every operation, at random, against the tree set it replaced. */
  @Test
  void behavesAsASortedSetUnderRandomOperations() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      OpenOffsets o = new OpenOffsets();
      TreeSet<Long> expected = new TreeSet<>();
      List<Long> polled = new ArrayList<>();
      long next = random.nextInt(1000);
      for (int step = 0; step < 2000; step++) {
        int op = random.nextInt(10);
        if (op < 4) { // poll a few, with gaps (transaction markers)
          for (int n = random.nextInt(50); n > 0; n--) {
            next += 1 + (random.nextInt(10) == 0 ? random.nextInt(3) : 0);
            o.add(next);
            expected.add(next);
            polled.add(next);
          }
        } else if (op < 8 && !polled.isEmpty()) { // hand on some, in any order
          for (int n = random.nextInt(40); n > 0; n--) {
            long offset = polled.get(random.nextInt(polled.size()));
            assertEquals(expected.remove(offset), o.remove(offset), "seed " + seed);
          }
        } else if (op == 8 && !polled.isEmpty()) { // held again
          long offset = polled.get(random.nextInt(polled.size()));
          if (offset < next) {
            o.add(offset);
            expected.add(offset);
          }
        } else if (op == 9 && !polled.isEmpty()) { // rewound
          long from = polled.get(random.nextInt(polled.size()));
          o.clearFrom(from);
          expected.tailSet(from, true).clear();
          polled.removeIf(p -> p >= from);
          next = from - 1;
        }
        assertEquals(expected.isEmpty(), o.isEmpty(), "seed " + seed + " step " + step);
        if (!expected.isEmpty()) {
          assertEquals(expected.first(), o.first(), "seed " + seed + " step " + step);
        }
      }
    }
  }
}
