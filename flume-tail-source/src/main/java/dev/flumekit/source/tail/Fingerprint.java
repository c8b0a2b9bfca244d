package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A checksum of a file's first bytes (up to a fixed count). Tells a recycled inode from the file
 * that had it, and a file truncated and rewritten past the old read position from one that only
 * grew: in both the first bytes differ.
 */
record Fingerprint(int length, int checksum) {
  static final Fingerprint EMPTY = new Fingerprint(0, 0);

  /** The fingerprint of the first {@code min(size, maxBytes)} bytes of {@code file}. */
  static Fingerprint of(FileChannel file, int maxBytes) throws IOException {
    ByteBuffer head = readHead(file, maxBytes);
    return of(head);
  }

  /**
   * Whether {@code file} still starts with the bytes this was taken from; false when it is shorter
   * than them.
   */
  boolean matches(FileChannel file) throws IOException {
    if (length == 0) {
      return true;
    }
    ByteBuffer head = readHead(file, length);
    return head.remaining() == length && of(head).checksum == checksum;
  }

  private static Fingerprint of(ByteBuffer head) {
    CRC32C crc = new CRC32C();
    int length = head.remaining();
    crc.update(head);
    return new Fingerprint(length, (int) crc.getValue());
  }

  /** The first {@code min(size, maxBytes)} bytes of {@code file}, ready to read. */
  static ByteBuffer readHead(FileChannel file, int maxBytes) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(maxBytes);
    while (head.hasRemaining()) {
      if (file.read(head, head.position()) <= 0) {
        break;
      }
    }
    return head.flip();
  }
}
