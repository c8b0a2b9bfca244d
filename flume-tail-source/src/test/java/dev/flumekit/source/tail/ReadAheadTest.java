package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead of one file: chunks in file order, rewinds, and a chunk dropped when idle. */
class ReadAheadTest {
  @TempDir Path dir;

  private FileChannel open(String content) throws Exception {
    Path file = dir.resolve("f.log");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  private static String unconsumed(ReadAhead r) {
    return new String(r.bytes(), r.position(), r.limit() - r.position(), StandardCharsets.UTF_8);
  }

  /** A read-ahead of {@code c} from its start, its first line of 4 bytes handed on. */
  private static ReadAhead firstLineConsumed(FileChannel c) throws Exception {
    ReadAhead r = new ReadAhead(0);
    r.fill(c);
    r.consumedTo(4);
    return r;
  }

  @Test
  void readsFromItsOffsetAndFollowsTheConsumedBytes() throws Exception {
    try (FileChannel c = open("first\nsecond\n")) {
      ReadAhead r = new ReadAhead(6);
      assertTrue(r.consumed());
      assertEquals(7, r.fill(c));
      assertEquals(6, r.offset());
      assertEquals(13, r.readTo());
      assertEquals("second\n", unconsumed(r));
      assertFalse(r.consumed());
      r.consumedTo(r.limit());
      assertTrue(r.consumed());
      assertTrue(r.fill(c) <= 0, "at the end of the file");
      assertEquals(13, r.offset());
    }
  }

  @Test
  void aFileLongerThanAChunkIsReadInChunksInOrder() throws Exception {
    String content = "x".repeat(ReadAhead.CHUNK_BYTES) + "tail\n";
    try (FileChannel c = open(content)) {
      ReadAhead r = new ReadAhead(0);
      assertEquals(ReadAhead.CHUNK_BYTES, r.fill(c));
      r.consumedTo(r.limit());
      assertEquals(5, r.fill(c));
      assertEquals(ReadAhead.CHUNK_BYTES, r.offset());
      assertEquals("tail\n", unconsumed(r));
    }
  }

  @Test
  void aRewindThrowsAwayWhatWasReadAhead() throws Exception {
    try (FileChannel c = open("one\ntwo\n")) {
      ReadAhead r = firstLineConsumed(c);
      r.rewindTo(4);
      assertTrue(r.consumed());
      assertEquals(4, r.readTo());
      r.fill(c);
      assertEquals("two\n", unconsumed(r));
    }
  }

  @Test
  void theChunkIsDroppedOnlyWhenNothingReadAheadWaitsInIt() throws Exception {
    try (FileChannel c = open("one\ntwo\n")) {
      ReadAhead r = firstLineConsumed(c);
      r.releaseIfConsumed();
      assertNotNull(r.bytes(), "two\\n is still waiting");
      r.consumedTo(r.limit());
      r.releaseIfConsumed();
      assertNull(r.bytes());
      assertEquals(8, r.readTo(), "the read position stays");
      assertTrue(r.fill(c) <= 0);
    }
  }
}
