package dev.flumekit.source.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A file's identity in line ids ({@code <identity>:<byte offset>}), which the exactly-once counters
 * keep their markers under: one per file instance, whatever the file holds.
 *
 * <p>A new file gets a random identity, saved in the positions file before any of its lines goes to
 * the channel, so it survives restarts; a rename keeps it (the file is followed by device and
 * inode), and the copy a copytruncate leaves takes its original's, since the copy's lines continue
 * the original's offsets. Content plays no part: files that begin with the same line (a W3C or CSV
 * header, an empty line), identical files in two directories or on two hosts all differ.
 *
 * <p>Positions files written before identities were saved (version 1) give their files the identity
 * those versions used, a checksum of the first line ({@link #ofFirstLine}), so an upgrade neither
 * counts again nor skips the lines it had sent.
 */
final class FileIdentity {
  static final int HEAD_BYTES = 4096;

  private static final SecureRandom RANDOM = new SecureRandom();

  private FileIdentity() {}

  /** A new identity, 16 hex digits (64 random bits). */
  static String fresh() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code s} can be an identity: 16 lower-case hex digits. */
  static boolean valid(String s) {
    return s != null
        && s.length() == 16
        && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  /**
   * The identity versions before 1.1 gave {@code file}: 16 hex digits of a SHA-256 of its first
   * line, or of its first {@value #HEAD_BYTES} bytes when that line is longer. Only for files that
   * a version-1 positions file resumes.
   */
  static String ofFirstLine(FileChannel file) {
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
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head.array(), 0, length);
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
