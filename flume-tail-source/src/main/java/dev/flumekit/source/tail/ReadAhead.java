package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of one file read ahead of the line splitter: bytes [position, limit) of a chunk whose
 * first byte is at the file's offset {@link #offset}. The chunk is allocated on the first fill and
 * dropped by {@link #releaseIfConsumed}: a source tracking thousands of rotated files keeps 128 KiB
 * per open file, not per file.
 */
final class ReadAhead {
  static final int CHUNK_BYTES = 128 * 1024;

  private byte[] chunk;
  private ByteBuffer chunkBuffer;
  private int position;
  private int limit;
  private long offset;

  /** Nothing read yet; the next fill reads from {@code offset}. */
  ReadAhead(long offset) {
    this.offset = offset;
  }

  /** Whether every byte read has been handed on. */
  boolean consumed() {
    return position == limit;
  }

  /** The file offset just past the last byte read. */
  long readTo() {
    return offset + limit;
  }

  byte[] bytes() {
    return chunk;
  }

  int position() {
    return position;
  }

  int limit() {
    return limit;
  }

  /** The file offset of {@code bytes()[0]}. */
  long offset() {
    return offset;
  }

  /** The bytes before {@code position} have been handed on. */
  void consumedTo(int newPosition) {
    position = newPosition;
  }

  /**
   * Reads the chunk after the current one from {@code channel}.
   *
   * @return the number of bytes read; 0 or less at the end of the file
   */
  int fill(FileChannel channel) throws IOException {
    offset += limit;
    position = 0;
    limit = 0;
    if (chunk == null) {
      chunk = new byte[CHUNK_BYTES];
      chunkBuffer = ByteBuffer.wrap(chunk);
    }
    chunkBuffer.clear();
    int n = channel.read(chunkBuffer, offset);
    if (n > 0) {
      limit = n;
    }
    return n;
  }

  /** Throws away what was read; the next fill reads from {@code newOffset}. */
  void rewindTo(long newOffset) {
    offset = newOffset;
    position = 0;
    limit = 0;
  }

  /** Drops the chunk when nothing read ahead is waiting in it; the read position stays. */
  void releaseIfConsumed() {
    if (consumed()) {
      offset += limit;
      position = 0;
      limit = 0;
      chunk = null;
      chunkBuffer = null;
    }
  }
}
