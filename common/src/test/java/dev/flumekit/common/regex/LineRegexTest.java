package dev.flumekit.common.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LineRegexTest {
  @Test
  @Timeout(10)
  void aCatastrophicPatternRunsInLinearTimeOnAHostileLine() {
    // (a+)+$ on "aaaa...!" backtracks 2^n steps in java.util.regex: n = 100_000 never returns
    LineRegex regex = LineRegex.compile("(a+)+$");
    assertTrue(regex.linearTime());
    assertFalse(regex.find("a".repeat(100_000) + "!"));
    assertTrue(regex.find("xaaa"));
  }

  @Test
  @Timeout(10)
  void aPatternRe2CannotRunIsBoundedToTheLinesStart() {
    LineRegex regex = LineRegex.compile("(\\w)\\1");
    assertFalse(regex.linearTime());
    assertTrue(regex.find("hello"));
    assertFalse(regex.find("x".repeat(0) + "abcdefg"));
    assertFalse(
        regex.find("ab".repeat(LineRegex.BOUNDED_INPUT_CHARS) + "zz"),
        "only the first " + LineRegex.BOUNDED_INPUT_CHARS + " characters are looked at");
  }

  @Test
  void anInvalidPatternIsRefusedWithJavasReason() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LineRegex.compile("(unclosed"));
    assertEquals("Unclosed group", e.getMessage());
  }
}
