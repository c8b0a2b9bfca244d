package dev.flumekit.monitoring;

import dev.flumekit.common.isolation.PluginFacadeMonitor;

/**
 * A Flume monitoring service: {@code
 * -Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer -Dflume.monitoring.port=N}
 * serves every component's metrics in the Prometheus text format on {@code /metrics}, and the
 * agent's health on {@code /health}. The Prometheus client runs in this plugin's own class loader.
 */
public final class PrometheusServer extends PluginFacadeMonitor {
  public PrometheusServer() {
    super("dev.flumekit.monitoring.server.PrometheusMonitorService");
  }
}
