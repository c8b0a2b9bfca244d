package dev.flumekit.source.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's identity for line ids: a checksum of its first line (up to {@value #HEAD_BYTES} bytes).
 * It is the same for the file after a rename and for the copy a copytruncate leaves, since both
 * begin with the same line, and it differs once the file was truncated and written anew. It is
 * taken only once the first line is complete (or {@value #HEAD_BYTES} bytes long), so it never
 * changes while the file grows.
 */
final class FileIdentity {
  static final int HEAD_BYTES = 4096;

  private FileIdentity() {}

  /** The identity of {@code file}, 16 hex digits; null while its first line is not yet complete. */
  static String of(FileChannel file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    while (head.hasRemaining() && file.read(head, head.position()) > 0) {
      // read until the buffer is full or the file ends
    }
    head.flip();
    int length = head.remaining();
    for (int i = 0; i < head.limit(); i++) {
      if (head.get(i) == '\n') {
        length = i + 1;
        break;
      }
    }
    if (length == head.limit() && head.limit() < HEAD_BYTES && !endsWithNewline(head)) {
      return null;
    }
    return digest(head.array(), length);
  }

  /**
   * The identity of {@code file}, even if its first line is incomplete (an event is made of a line
   * that will not grow: an idle file's last bytes, or a line cut at the length limit).
   */
  static String ofWhatIsThere(FileChannel file) {
    try {
      String id = of(file);
      if (id != null) {
        return id;
      }
      ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
      while (head.hasRemaining() && file.read(head, head.position()) > 0) {
        // as above
      }
      return digest(head.array(), head.position());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean endsWithNewline(ByteBuffer head) {
    return head.limit() > 0 && head.get(head.limit() - 1) == '\n';
  }

  private static String digest(byte[] bytes, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, 0, length);
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
