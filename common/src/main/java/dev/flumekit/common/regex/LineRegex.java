package dev.flumekit.common.regex;

import java.util.regex.PatternSyntaxException;

/**
 * An operator's regular expression run on untrusted lines (routing and filter conditions, the tail
 * source's multi-line patterns). Where the pattern allows, it runs on RE2/J, whose matching time is
 * linear in the input: no line, however crafted, can make it backtrack for minutes. A pattern RE2/J
 * cannot run (back-references, look-around) runs on java.util.regex over at most the first {@value
 * #BOUNDED_INPUT_CHARS} characters of the input, and {@link #linearTime()} says so.
 */
public final class LineRegex {
  /** What a java.util.regex fallback sees of each input. */
  public static final int BOUNDED_INPUT_CHARS = 4096;

  private final String source;
  private final com.google.re2j.Pattern linear;
  private final java.util.regex.Pattern backtracking;

  private LineRegex(
      String source, com.google.re2j.Pattern linear, java.util.regex.Pattern backtracking) {
    this.source = source;
    this.linear = linear;
    this.backtracking = backtracking;
  }

  /**
   * @throws IllegalArgumentException with the reason, if {@code pattern} is no Java regex either
   */
  public static LineRegex compile(String pattern) {
    java.util.regex.Pattern javaPattern;
    try {
      javaPattern = java.util.regex.Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription(), e);
    }
    try {
      return new LineRegex(pattern, com.google.re2j.Pattern.compile(pattern), null);
    } catch (com.google.re2j.PatternSyntaxException | IllegalArgumentException notRe2) {
      return new LineRegex(pattern, null, javaPattern);
    }
  }

  /** Whether some part of {@code input} matches. */
  public boolean find(CharSequence input) {
    if (linear != null) {
      return linear.matcher(input).find();
    }
    CharSequence bounded =
        input.length() > BOUNDED_INPUT_CHARS ? input.subSequence(0, BOUNDED_INPUT_CHARS) : input;
    return backtracking.matcher(bounded).find();
  }

  /** Whether matching time is linear in the input (RE2/J), rather than bounded by its length. */
  public boolean linearTime() {
    return linear != null;
  }

  @Override
  public String toString() {
    return source;
  }
}
