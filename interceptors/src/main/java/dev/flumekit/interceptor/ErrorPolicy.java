package dev.flumekit.interceptor;

import dev.flumekit.common.config.ValueType;
import java.util.Locale;
import java.util.Map;

/** What an interceptor does with an event it cannot process. Every choice is counted. */
public enum ErrorPolicy {
  /** Keep the event and add a header with the reason. */
  TAG,
  /** Remove the event. */
  DROP,
  /** Keep the event as it is. */
  PASS;

  public static final ValueType<ErrorPolicy> TYPE =
      ValueType.of(
          "one of tag, drop, pass",
          s -> ErrorPolicy.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));

  /** Applies the policy to an event's headers; returns the outcome to count. */
  public Outcome apply(Map<String, String> headers, String errorHeader, String reason) {
    switch (this) {
      case TAG:
        headers.put(errorHeader, reason);
        return Outcome.FAILED_PASSED;
      case DROP:
        return Outcome.FAILED_DROPPED;
      default:
        return Outcome.FAILED_PASSED;
    }
  }
}
