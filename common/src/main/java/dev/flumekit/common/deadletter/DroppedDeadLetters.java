package dev.flumekit.common.deadletter;

import dev.flumekit.common.log.LogLimiter;
import dev.flumekit.common.log.LogSafe;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deadLetter=drop}: the operator chose to lose such events; each is counted, and logged at
 * most once per reason every 10 s (with how many were held back), so a poison stream cannot flood
 * the log.
 */
public final class DroppedDeadLetters implements DeadLetterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DroppedDeadLetters.class);
  private final String component;
  private final LogLimiter limiter = new LogLimiter(10_000);

  public DroppedDeadLetters(String component) {
    this.component = component;
  }

  @Override
  public void write(List<DeadLetter> letters) {
    for (DeadLetter letter : letters) {
      long held = limiter.admit(letter.errorClass());
      if (held >= 0) {
        LOG.warn(
            "{} dropped an event of {} bytes for {}: {} ({}){}",
            component,
            letter.body().length,
            LogSafe.value(letter.destination()),
            LogSafe.value(letter.reason()),
            LogSafe.value(letter.errorClass()),
            held > 0 ? "; " + held + " more dropped for this cause since the last line" : "");
      }
    }
  }

  @Override
  public String describe() {
    return "nowhere (deadLetter=drop: logged and counted)";
  }
}
