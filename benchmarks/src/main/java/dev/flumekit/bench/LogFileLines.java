package dev.flumekit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a growing log file, read through a buffer of 1 MiB: each line's bytes (without its
 * newline) and the byte offset where it starts. At the current end of the file, or before a line
 * whose newline is not written yet, {@link #next} returns false and a later call reads on.
 */
final class LogFileLines {
  private final InputStream in;
  private byte[] buffer = new byte[1 << 20];
  private int start;
  private int end;
  private long bufferOffset;
  private byte[] line;
  private long lineOffset;

  /**
   * @param in the file, from its start
   */
  LogFileLines(InputStream in) {
    this.in = in;
  }

  /** Moves to the next whole line; false if none is complete yet. */
  boolean next() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          line = Arrays.copyOfRange(buffer, start, i);
          lineOffset = bufferOffset + start;
          start = i + 1;
          return true;
        }
      }
      if (!fill()) {
        return false;
      }
    }
  }

  /** The current line's bytes, the caller's to keep. */
  byte[] line() {
    return line;
  }

  /** Where the current line starts in the file. */
  long lineOffset() {
    return lineOffset;
  }

  /** Where the next line starts: the position to resume from. */
  long nextOffset() {
    return bufferOffset + start;
  }

  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      bufferOffset += start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read <= 0) {
      return false;
    }
    end += read;
    return true;
  }
}
