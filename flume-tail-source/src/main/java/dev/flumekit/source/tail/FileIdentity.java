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

  /**
   * The identity of {@code file}, 16 hex digits: of its first line, or of its first {@value
   * #HEAD_BYTES} bytes when that line is longer. Taken when the file's first event is made, so the
   * line is complete then, unless the event is a line that will not grow (an idle file's
   * unterminated last bytes, a line cut at the length limit): then of what is there.
   */
  static String of(FileChannel file) {
    ByteBuffer head;
    try {
      head = Fingerprint.readHead(file, HEAD_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int length = head.remaining();
    for (int i = 0; i < head.limit(); i++) {
      if (head.get(i) == '\n') {
        length = i + 1;
        break;
      }
    }
    return digest(head.array(), length);
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
