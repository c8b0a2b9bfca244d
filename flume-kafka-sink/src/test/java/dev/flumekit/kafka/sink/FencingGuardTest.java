package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FencingGuardTest {
  private long now;
  private final FencingGuard guard = new FencingGuard(() -> now);

  private void minutes(long m) {
    now += m * 60_000_000_000L;
  }

  @Test
  void aWriterFencedNowAndThenGoesOn() {
    for (int i = 0; i < 10; i++) {
      assertTrue(guard.fenced(), "fence " + i + " 6 minutes after the last");
      minutes(6);
    }
    assertFalse(guard.shared());
  }

  @Test
  void aWriterFencedThreeTimesWithinTenMinutesPausesLongerEachTime() {
    assertTrue(guard.fenced());
    minutes(4);
    assertTrue(guard.fenced());
    minutes(4);
    assertFalse(guard.fenced(), "the third: the id is shared");
    assertTrue(guard.shared());
    minutes(1);
    assertFalse(guard.shared(), "after a minute it tries again");
    assertTrue(guard.fenced());
    assertTrue(guard.fenced());
    assertFalse(guard.fenced());
    minutes(1);
    assertTrue(guard.shared(), "the second pause is two minutes");
    minutes(1);
    assertFalse(guard.shared());
  }
}
