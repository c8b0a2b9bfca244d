package dev.flumekit.common.isolation;

import java.util.Set;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.MonitorService;

/**
 * The class an operator names as {@code -Dflume.monitoring.type}: it creates the real monitoring
 * service inside the plugin's isolated class loader and forwards configuration and lifecycle to it,
 * with that loader as the thread's context class loader.
 */
public abstract class PluginFacadeMonitor implements MonitorService {
  private final PluginCalls calls;
  private final MonitorService delegate;

  /**
   * @param implementationClassName the monitoring service to run in the plugin's class loader
   */
  protected PluginFacadeMonitor(String implementationClassName) {
    this.calls = new PluginCalls(PluginIsolation.loaderFor(getClass(), Set.of()));
    this.delegate = calls.create(implementationClassName, MonitorService.class);
  }

  @Override
  public void configure(Context context) {
    calls.run(() -> delegate.configure(context));
  }

  @Override
  public void start() {
    calls.run(delegate::start);
  }

  @Override
  public void stop() {
    calls.run(delegate::stop);
  }
}
