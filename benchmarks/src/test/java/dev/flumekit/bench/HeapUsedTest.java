package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HeapUsedTest {
  @Test
  void readsThisJvmsOwnCounters() {
    long used = HeapUsed.bytes(ProcessHandle.current().pid());
    long max = Runtime.getRuntime().maxMemory();
    assertTrue(used > 0 && used <= max, used + " bytes used of " + max);
  }

  @Test
  void aProcessWithoutCountersHasNoFigure() {
    assertEquals(-1, HeapUsed.bytes(Long.MAX_VALUE));
    assertEquals(-1, HeapUsed.usedOf(ByteBuffer.allocate(64)));
  }
}
