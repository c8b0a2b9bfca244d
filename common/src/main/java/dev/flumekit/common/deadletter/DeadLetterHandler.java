package dev.flumekit.common.deadletter;

import java.io.IOException;
import java.util.List;

/** Puts dead letters where the dead-letter policy says, durably, before the batch commits. */
public interface DeadLetterHandler extends AutoCloseable {
  void write(List<DeadLetter> letters) throws Exception;

  /** Where dead letters go, for logs. */
  String describe();

  @Override
  default void close() throws IOException {}
}
