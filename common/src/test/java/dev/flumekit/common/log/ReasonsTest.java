package dev.flumekit.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void readsDownTheCauses() {
    IOException full = new IOException("Usable space exhausted, only 0 bytes remaining");
    RuntimeException commit = new IllegalStateException("Commit failed due to IO error", full);
    assertEquals(
        "Commit failed due to IO error: Usable space exhausted, only 0 bytes remaining",
        Reasons.chain(commit));
  }

  @Test
  void aMessageRepeatedByItsWrapperIsSaidOnce() {
    IOException full = new IOException("disk full");
    assertEquals("java.io.IOException: disk full", Reasons.chain(new RuntimeException(full)));
  }

  @Test
  void aFailureWithoutMessageIsNamedByItsType() {
    assertEquals(
        "outer: NullPointerException",
        Reasons.chain(new IllegalStateException("outer", new NullPointerException())));
  }

  @Test
  void aCycleOfCausesEnds() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalStateException b = new IllegalStateException("b", a);
    a.initCause(b);
    assertEquals("a: b", Reasons.chain(a));
  }
}
