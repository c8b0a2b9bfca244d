package dev.flumekit.common.log;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The reason a failure gives, read down its causes: a channel's "Commit failed due to IO error"
 * says why only in its cause ("Usable space exhausted, only 0 bytes remaining"), and an operator
 * reading one warning line needs both.
 */
public final class Reasons {
  private Reasons() {}

  /**
   * The messages of {@code failure} and its causes, joined by {@code ": "}; a cause whose message
   * its wrapper already repeats (as {@code new RuntimeException(cause)} does) is said once.
   */
  public static String chain(Throwable failure) {
    StringBuilder reason = new StringBuilder();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (reason.indexOf(message) < 0) {
        reason.append(reason.isEmpty() ? "" : ": ").append(message);
      }
    }
    return reason.toString();
  }
}
