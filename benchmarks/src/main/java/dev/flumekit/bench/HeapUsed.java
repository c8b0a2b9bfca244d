package dev.flumekit.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The heap a HotSpot JVM of this machine uses now, read without attaching to it: the sum of its
 * {@code sun.gc.generation.*.space.*.used} performance counters (eden, survivors, old: what {@code
 * jstat -gc} shows) in the file it keeps them in, {@code <tmpdir>/hsperfdata_<user>/<pid>}. G1
 * updates eden's as it hands out regions, so the figure moves in steps of a region. Between two
 * collections the heap grows only by allocation; with the GC log's pauses this places allocation at
 * any moment ({@link SteadyState}).
 */
final class HeapUsed {
  private static final int MAGIC = 0xcafec0c0;
  private static final byte TYPE_LONG = 'J';

  private HeapUsed() {}

  /** Bytes used in the heap of process {@code pid}; -1 if its counters cannot be read. */
  static long bytes(long pid) {
    Path file =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "hsperfdata_" + System.getProperty("user.name"),
            Long.toString(pid));
    try {
      return usedOf(ByteBuffer.wrap(Files.readAllBytes(file)));
    } catch (IOException | RuntimeException e) {
      return -1; // no counters (-XX:-UsePerfData) or a file being rewritten: no figure this time
    }
  }

  /**
   * Parses the counters' layout: a prologue (magic, byte order, version, sizes, where entries start
   * and how many), then entries of a header, a name and a value.
   */
  static long usedOf(ByteBuffer data) {
    if (data.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
      return -1;
    }
    data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int entry = data.getInt(24);
    int entries = data.getInt(28);
    long used = 0;
    for (int i = 0; i < entries; i++) {
      int length = data.getInt(entry);
      int nameOffset = data.getInt(entry + 4);
      byte type = data.get(entry + 12);
      int dataOffset = data.getInt(entry + 16);
      int nameEnd = entry + nameOffset;
      while (data.get(nameEnd) != 0) {
        nameEnd++;
      }
      byte[] name = new byte[nameEnd - entry - nameOffset];
      data.get(entry + nameOffset, name);
      String n = new String(name, StandardCharsets.US_ASCII);
      if (type == TYPE_LONG
          && n.startsWith("sun.gc.generation.")
          && n.endsWith(".used")
          && n.contains(".space.")) {
        used += data.getLong(entry + dataOffset);
      }
      entry += length;
    }
    return used;
  }
}
