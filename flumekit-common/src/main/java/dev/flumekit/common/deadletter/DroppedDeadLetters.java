package dev.flumekit.common.deadletter;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code deadLetter=drop}: the operator chose to lose such events; each is logged and counted. */
public final class DroppedDeadLetters implements DeadLetterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DroppedDeadLetters.class);
  private final String component;

  public DroppedDeadLetters(String component) {
    this.component = component;
  }

  @Override
  public void write(List<DeadLetter> letters) {
    for (DeadLetter letter : letters) {
      LOG.warn(
          "{} dropped an event of {} bytes for {}: {} ({})",
          component,
          letter.body().length,
          letter.destination(),
          letter.reason(),
          letter.errorClass());
    }
  }

  @Override
  public String describe() {
    return "nowhere (deadLetter=drop: logged and counted)";
  }
}
