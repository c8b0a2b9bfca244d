package dev.flumekit.common.deadletter;

import java.io.IOException;
import java.util.List;

/** {@code deadLetter=file:<dir>}: JSON lines on local disk, forced before the batch commits. */
public final class FileDeadLetters implements DeadLetterHandler {
  private final FileDeadLetterWriter writer;

  public FileDeadLetters(FileDeadLetterWriter writer) {
    this.writer = writer;
  }

  @Override
  public void write(List<DeadLetter> letters) throws IOException {
    writer.write(letters);
  }

  @Override
  public String describe() {
    return "files in " + writer.directory().toAbsolutePath();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
