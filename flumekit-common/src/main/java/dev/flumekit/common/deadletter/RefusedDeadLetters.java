package dev.flumekit.common.deadletter;

import java.util.List;

/** {@code deadLetter=fail}: there are no dead letters; a batch holding one is refused instead. */
public final class RefusedDeadLetters implements DeadLetterHandler {
  @Override
  public void write(List<DeadLetter> letters) {
    throw new IllegalStateException("deadLetter=fail refuses the batch before writing letters");
  }

  @Override
  public String describe() {
    return "nowhere (deadLetter=fail: a batch holding one is rolled back and retried)";
  }
}
