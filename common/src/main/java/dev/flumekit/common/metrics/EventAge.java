package dev.flumekit.common.metrics;

import java.util.List;
import java.util.Map;
import org.apache.flume.Event;

/**
 * How old events are when a sink delivers them: now minus the time in their {@code timestamp}
 * header (epoch milliseconds, the header Flume's timestamp interceptor, the Kafka source and
 * flumekit's parse interceptor set). Events without a readable one are not counted.
 */
public final class EventAge {
  /** Flume's header for an event's time. */
  public static final String HEADER = "timestamp";

  private EventAge() {}

  public static void record(List<Event> events, Histogram ages, long nowMillis) {
    for (Event e : events) {
      Map<String, String> headers = e.getHeaders();
      String time = headers == null ? null : headers.get(HEADER);
      long millis = millis(time);
      if (millis >= 0) {
        ages.recordMillis(nowMillis - millis);
      }
    }
  }

  /** The header's epoch milliseconds, or -1 when it is missing or not a number. */
  static long millis(String time) {
    if (time == null || time.isEmpty() || time.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < time.length(); i++) {
      char c = time.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
