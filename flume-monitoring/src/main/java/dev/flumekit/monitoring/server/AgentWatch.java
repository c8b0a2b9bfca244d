package dev.flumekit.monitoring.server;

import java.util.List;

/**
 * What the exporter knows of the agent between readings of its beans: the configuration it runs,
 * when each sink last delivered and when each source last put a batch. {@code /health} and {@code
 * /metrics} judge from it alike.
 */
final class AgentWatch {
  private final LiveLayout layout;
  private final long timeoutMillis;
  private final DeliveryTracker deliveries = new DeliveryTracker();
  private final SourceProgress sources = new SourceProgress();

  AgentWatch(LiveLayout layout, long timeoutMillis) {
    this.layout = layout;
    this.timeoutMillis = timeoutMillis;
  }

  /** Times deliveries and source batches seen in {@code readings}. */
  void observe(List<ComponentReading> readings, long nowMillis) {
    deliveries.observe(readings, nowMillis);
    sources.observe(readings, nowMillis);
  }

  /** The configuration the agent runs now. */
  AgentLayout layout(List<ComponentReading> readings, long nowMillis) {
    return layout.current(readings, nowMillis);
  }

  /** The agent's health now; {@code readings} are observed first. */
  Health health(List<ComponentReading> readings, long nowMillis) {
    AgentLayout now = layout(readings, nowMillis);
    observe(readings, nowMillis);
    return Health.of(
        new Health.Inputs(now, readings, deliveries, sources, layout.changedMillis()),
        nowMillis,
        timeoutMillis);
  }

  DeliveryTracker deliveries() {
    return deliveries;
  }
}
