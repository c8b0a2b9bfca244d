package dev.flumekit.source.tail;

import dev.flumekit.common.bytes.ByteScan;
import java.util.Arrays;

/**
 * Splits a file's bytes into lines at {@code \n} (dropping a {@code \r} before it), chunk by chunk.
 * A line that spans chunks is gathered in a buffer of its own; a line longer than the limit keeps
 * its first {@code maxLineBytes} bytes, the rest is skipped up to the terminator and the line is
 * flagged as truncated. Works for any charset that encodes {@code \n} as the single byte 0x0A and
 * never uses that byte inside another character (UTF-8, ISO-8859-*, windows-125*, GB18030, ...).
 */
final class LineSplitter {
  private final int maxLineBytes;

  /** The beginning of a line whose terminator has not been read yet. */
  private byte[] partial = new byte[256];

  private int partialLength;
  private long partialStart = -1;
  private boolean partialTruncated;

  LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Hands the complete lines in {@code chunk[from, to)} to {@code out} until it declines; the bytes
   * after the last terminator are kept as the beginning of the next line.
   *
   * @param chunkOffset file offset of {@code chunk[0]}
   * @return the index after the last byte consumed: {@code to}, unless {@code out} declined (then
   *     the index after the terminator of the last line it took)
   */
  int split(byte[] chunk, int from, int to, long chunkOffset, LineConsumer out) {
    int position = from;
    while (position < to) {
      int newline = indexOfNewline(chunk, position, to);
      if (newline < 0) {
        gather(chunk, position, to, chunkOffset + position);
        return to;
      }
      long end = chunkOffset + newline + 1;
      boolean more;
      if (partialStart >= 0) {
        gather(chunk, position, newline, chunkOffset + position);
        more = emitPartial(end, out);
      } else {
        int length = newline - position;
        if (length > 0 && chunk[newline - 1] == '\r') {
          length--;
        }
        boolean truncated = length > maxLineBytes;
        more =
            out.line(
                chunk,
                position,
                truncated ? maxLineBytes : length,
                chunkOffset + position,
                end,
                truncated);
      }
      position = newline + 1;
      if (!more) {
        return position;
      }
    }
    return position;
  }

  /** Whether bytes of an unterminated line are held. */
  boolean hasPartial() {
    return partialStart >= 0;
  }

  /**
   * Hands the held unterminated line to {@code out} as if it ended at {@code end}: for a file that
   * will not grow any more.
   */
  void flushPartial(long end, LineConsumer out) {
    if (partialStart >= 0) {
      emitPartial(end, out);
    }
  }

  /** Forgets the held line: reading restarts elsewhere. */
  void reset() {
    partialStart = -1;
    partialLength = 0;
    partialTruncated = false;
  }

  private boolean emitPartial(long end, LineConsumer out) {
    int length = partialLength;
    if (length > 0 && partial[length - 1] == '\r') {
      length--;
    }
    boolean truncated = partialTruncated || length > maxLineBytes;
    long start = partialStart;
    reset();
    return out.line(partial, 0, Math.min(length, maxLineBytes), start, end, truncated);
  }

  private static int indexOfNewline(byte[] chunk, int from, int to) {
    int i = ByteScan.indexOf(chunk, from, to, (byte) '\n');
    return i < to ? i : -1;
  }

  private void gather(byte[] chunk, int from, int to, long start) {
    if (partialStart < 0) {
      partialStart = start;
    }
    // one byte beyond the limit: a '\r' at the limit may still be dropped
    int n = Math.min(maxLineBytes + 1 - partialLength, to - from);
    if (n < to - from) {
      partialTruncated = true;
    }
    if (n > 0) {
      if (partialLength + n > partial.length) {
        partial = Arrays.copyOf(partial, Math.max(partialLength + n, partial.length * 2));
      }
      System.arraycopy(chunk, from, partial, partialLength, n);
      partialLength += n;
    }
  }
}
