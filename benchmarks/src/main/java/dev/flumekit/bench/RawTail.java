package dev.flumekit.bench;

import dev.flumekit.common.files.DurableFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of a tail source: what it does with the file and its positions, in one plain Java
 * process and no Flume. It reads the file through a 1 MiB buffer, splits it into lines (each its
 * own byte array, as an event's body), and after every batch of {@code batch} lines saves its
 * position durably as the tail source does by default ({@link DurableFile}), counting the lines
 * ({@code read} in its {@link RawProgress} file) until {@code lines} were read. Usage: {@code
 * RawTail <file> <lines> <batch> <positions file> <progress file>}.
 */
public final class RawTail {
  private RawTail() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long total = Long.parseLong(args[1]);
    int batch = Integer.parseInt(args[2]);
    Path positions = Path.of(args[3]);
    RawProgress progress = new RawProgress(Path.of(args[4]));
    progress.publish();
    long read = 0;
    long bytes = 0;
    try (InputStream in = Files.newInputStream(file)) {
      LogFileLines lines = new LogFileLines(in);
      while (read < total) {
        int inBatch = 0;
        while (inBatch < batch && lines.next()) {
          bytes += lines.line().length;
          inBatch++;
        }
        if (inBatch == 0) {
          Thread.sleep(100); // the end of the file: wait for more, as a tail does
          continue;
        }
        read += inBatch;
        DurableFile.replace(
            positions, (file + "\t" + lines.nextOffset() + "\n").getBytes(StandardCharsets.UTF_8));
        progress.add("read", inBatch);
        progress.publish();
      }
    }
    System.out.println(read + " lines, " + bytes + " bytes");
  }
}
