package dev.flumekit.interceptor;

import dev.flumekit.common.config.ValueType;
import java.util.Locale;

/** What the timestamp interceptor does with an event whose time it cannot read. */
public enum TimeFallback {
  /** Use the time the event is intercepted, and tag the event with the reason. */
  INGEST,
  /** Leave the timestamp unset and tag the event with the reason. */
  TAG,
  /** Remove the event. */
  DROP,
  /** Keep the event as it is. */
  PASS;

  public static final ValueType<TimeFallback> TYPE =
      ValueType.of(
          "one of ingest, tag, drop, pass", s -> TimeFallback.valueOf(s.toUpperCase(Locale.ROOT)));
}
