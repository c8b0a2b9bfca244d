package dev.flumekit.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers out of a Flume agent's HTTP monitoring JSON ({@code {"SOURCE.tail":{"K":"1"},...}}). */
final class AgentMetrics {
  private final String json;

  AgentMetrics(String json) {
    this.json = json;
  }

  /** The value of {@code key} in component {@code component} (e.g. SINK.kafka), or 0. */
  double get(String component, String key) {
    Matcher c = Pattern.compile("\"" + Pattern.quote(component) + "\":\\{([^}]*)\\}").matcher(json);
    if (!c.find()) {
      return 0;
    }
    Matcher v =
        Pattern.compile("\"" + Pattern.quote(key) + "\":\"([-0-9.E]+)\"").matcher(c.group(1));
    return v.find() ? Double.parseDouble(v.group(1)) : 0;
  }

  long count(String component, String key) {
    return (long) get(component, key);
  }
}
