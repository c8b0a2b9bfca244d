package dev.flumekit.common.deadletter;

import java.util.List;
import org.apache.flume.EventDeliveryException;

/**
 * {@code deadLetter=fail}: there are no dead letters; a batch holding one is refused, so the sink
 * rolls it back and retries it, as Flume's own sinks do.
 */
public final class RefusedDeadLetters implements DeadLetterHandler {
  private final String component;

  /**
   * @param component the component as messages name it, e.g. "Sink k1"
   */
  public RefusedDeadLetters(String component) {
    this.component = component;
  }

  @Override
  public void write(List<DeadLetter> letters) throws EventDeliveryException {
    DeadLetter first = letters.get(0);
    throw new EventDeliveryException(
        component
            + ": "
            + letters.size()
            + " events cannot be written and deadLetter=fail; first: "
            + first.reason()
            + " ("
            + first.errorClass()
            + ")");
  }

  @Override
  public String describe() {
    return "nowhere (deadLetter=fail: a batch holding one is rolled back and retried)";
  }
}
