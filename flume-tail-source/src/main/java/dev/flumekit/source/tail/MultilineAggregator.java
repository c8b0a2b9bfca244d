package dev.flumekit.source.tail;

import dev.flumekit.common.regex.LineRegex;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Joins lines into multi-line events (a Java stack trace with its message, say) and hands each
 * joined event on as one "line" whose bytes are the lines separated by {@code \n}. Either a line
 * matching the start pattern begins a new event, or a line matching the continuation pattern
 * belongs to the event before it. An event that reaches the line or byte limit is handed on and the
 * lines after it start a new one: split, never dropped. Where joined events go is given with each
 * call ({@link #feeding}, {@link #flush}), so that nothing outlives one read.
 */
final class MultilineAggregator {
  enum Mode {
    START,
    CONTINUATION
  }

  private final Mode mode;
  private final LineRegex pattern;
  private final int maxLines;
  private final int maxBytes;
  private final Charset charset;
  private final LongSupplier nanoClock;
  private final Runnable onSplit;

  private byte[] pending = new byte[1024];
  private int pendingLength;
  private int pendingLines;
  private long pendingStart;
  private long pendingEnd;
  private boolean pendingTruncated;
  private long lastLineNanos;

  MultilineAggregator(
      Mode mode,
      LineRegex pattern,
      int maxLines,
      int maxBytes,
      Charset charset,
      LongSupplier nanoClock,
      Runnable onSplit) {
    this.mode = mode;
    this.pattern = pattern;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.charset = charset;
    this.nanoClock = nanoClock;
    this.onSplit = onSplit;
  }

  /** Lines given to the returned consumer are joined; joined events go to {@code out}. */
  LineConsumer feeding(LineConsumer out) {
    return (bytes, offset, length, start, end, truncated) ->
        line(bytes, offset, length, start, end, truncated, out);
  }

  private boolean line(
      byte[] bytes,
      int offset,
      int length,
      long start,
      long end,
      boolean truncated,
      LineConsumer out) {
    lastLineNanos = nanoClock.getAsLong();
    boolean matches = pattern.find(new String(bytes, offset, length, charset));
    boolean continues = mode == Mode.START ? !matches : matches;
    boolean more = true;
    if (pendingLines > 0) {
      boolean full = pendingLines >= maxLines || pendingLength + 1 + length > maxBytes;
      if (!continues || full) {
        if (continues) {
          onSplit.run();
        }
        more = flush(out);
      }
    }
    append(bytes, offset, length, start, end, truncated);
    return more;
  }

  /** Whether lines are held waiting for the rest of their event. */
  boolean hasPending() {
    return pendingLines > 0;
  }

  /** Whether the held event got no new line for {@code timeoutNanos}. */
  boolean pendingFor(long timeoutNanos) {
    return pendingLines > 0 && nanoClock.getAsLong() - lastLineNanos >= timeoutNanos;
  }

  /**
   * Hands the held event on to {@code out}.
   *
   * @return the consumer's answer, or true when nothing was held
   */
  boolean flush(LineConsumer out) {
    if (pendingLines == 0) {
      return true;
    }
    int length = pendingLength;
    long start = pendingStart;
    long end = pendingEnd;
    boolean truncated = pendingTruncated;
    reset();
    return out.line(pending, 0, length, start, end, truncated);
  }

  /** Forgets the held event: reading restarts elsewhere. */
  void reset() {
    pendingLines = 0;
    pendingLength = 0;
    pendingTruncated = false;
  }

  private void append(
      byte[] bytes, int offset, int length, long start, long end, boolean truncated) {
    int needed = pendingLength + (pendingLines > 0 ? 1 : 0) + length;
    if (needed > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(needed, pending.length * 2));
    }
    if (pendingLines == 0) {
      pendingStart = start;
    } else {
      pending[pendingLength++] = '\n';
    }
    // a single line longer than maxBytes is kept whole: maxLineBytes already bounds it
    System.arraycopy(bytes, offset, pending, pendingLength, length);
    pendingLength += length;
    pendingLines++;
    pendingEnd = end;
    pendingTruncated |= truncated;
  }
}
