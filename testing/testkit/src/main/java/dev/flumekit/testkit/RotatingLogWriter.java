package dev.flumekit.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * An application writing a log at a steady rate while it is rotated as logrotate does, alternating
 * rotation by rename ({@code create}: the file becomes {@code <name>.<n>}, a new file takes its
 * name) and by {@code copytruncate} (the file is copied to {@code <name>.<n>} and truncated in
 * place; the writer appends with O_APPEND so it goes on at the new end). The writer pauses for the
 * copy and the truncation: lines written between the two are lost by logrotate itself, whatever
 * reads the log.
 */
public final class RotatingLogWriter implements AutoCloseable {
  private final Path file;
  private final int lines;
  private final int linesPerSecond;
  private final long rotateEveryNanos;
  private final IntFunction<String> line;
  private final Thread thread;
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger rotations = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stop;
  private String header;

  /**
   * @param line the text of line {@code i}, without its newline
   */
  public RotatingLogWriter(
      Path file, int lines, int linesPerSecond, long rotateEveryMillis, IntFunction<String> line) {
    this.file = file;
    this.lines = lines;
    this.linesPerSecond = linesPerSecond;
    this.rotateEveryNanos = rotateEveryMillis * 1_000_000L;
    this.line = line;
    this.thread = new Thread(this::run, "rotating-writer");
  }

  /**
   * Begins every file with {@code header} (a line without its newline), as W3C/IIS logs, CSV
   * exports and loggers with a header pattern do: then every file of the log starts with the same
   * bytes. Call before {@link #start()}.
   */
  public RotatingLogWriter withHeader(String header) {
    this.header = header;
    return this;
  }

  public RotatingLogWriter start() {
    thread.start();
    return this;
  }

  /** Waits until every line is written; rethrows what stopped the writer. */
  public void await() throws Exception {
    thread.join();
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  public boolean done() {
    return !thread.isAlive();
  }

  public int written() {
    return written.get();
  }

  public int rotations() {
    return rotations.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join();
  }

  private void run() {
    try {
      FileChannel out = open();
      long started = System.nanoTime();
      long nextRotation = started + rotateEveryNanos;
      int chunk = Math.max(1, Math.min(100, linesPerSecond / 100));
      for (int i = 0; i < lines && !stop; i += chunk) {
        StringBuilder text = new StringBuilder();
        int end = Math.min(lines, i + chunk);
        for (int j = i; j < end; j++) {
          text.append(line.apply(j)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        written.set(end);
        if (System.nanoTime() > nextRotation) {
          int n = rotations.incrementAndGet();
          Path rotated = file.resolveSibling(file.getFileName() + "." + n);
          if (n % 2 == 0) {
            out.close();
            Files.move(file, rotated);
            out = open();
          } else {
            Files.copy(file, rotated, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
              truncate.truncate(0);
            }
            writeHeader(out);
          }
          nextRotation = System.nanoTime() + rotateEveryNanos;
        }
        long ahead = started + (long) end * 1_000_000_000L / linesPerSecond - System.nanoTime();
        if (ahead > 1_000_000L) {
          Thread.sleep(ahead / 1_000_000L);
        }
      }
      out.close();
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  private FileChannel open() throws IOException {
    FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (out.size() == 0) {
      writeHeader(out);
    }
    return out;
  }

  private void writeHeader(FileChannel out) throws IOException {
    if (header != null) {
      ByteBuffer bytes = ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    }
  }
}
