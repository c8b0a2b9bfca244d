package dev.flumekit.monitoring.server;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One component's counters as its MBean reports them now: {@code kind} as Flume names it (SOURCE,
 * CHANNEL, SINK, INTERCEPTOR, ...), its name, and each attribute's value (numbers, or text such as
 * a channel's per-partition lag).
 */
public record ComponentReading(String kind, String name, Map<String, Object> attributes) {
  public ComponentReading {
    attributes = Map.copyOf(attributes);
  }

  public String key() {
    return kind + "." + name;
  }

  public OptionalDouble number(String attribute) {
    return attributes.get(attribute) instanceof Number n
        ? OptionalDouble.of(n.doubleValue())
        : OptionalDouble.empty();
  }

  /** Started and not stopped since, as Flume's counter groups record it. */
  public boolean running() {
    return number("StartTime").orElse(0) > 0 && number("StopTime").orElse(0) == 0;
  }
}
