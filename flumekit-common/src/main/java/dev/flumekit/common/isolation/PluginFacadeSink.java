package dev.flumekit.common.isolation;

import java.util.Set;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * The class an operator names as a sink's {@code type}: it creates the real sink inside the
 * plugin's isolated class loader and forwards every call to it, with that loader as the thread's
 * context class loader (client libraries look classes up there).
 */
public abstract class PluginFacadeSink implements Sink, Configurable, BatchSizeSupported {
  private final PluginCalls calls;
  private final Sink delegate;

  /**
   * @param implementationClassName the sink to run in the plugin's class loader
   * @param apiPackages packages extensions of the plugin implement (see {@link
   *     PluginIsolation#loaderFor})
   */
  protected PluginFacadeSink(String implementationClassName, String... apiPackages) {
    this.calls = new PluginCalls(PluginIsolation.loaderFor(getClass(), Set.of(apiPackages)));
    this.delegate = calls.create(implementationClassName, Sink.class);
  }

  @Override
  public void configure(Context context) {
    calls.run(() -> ((Configurable) delegate).configure(context));
  }

  @Override
  public long getBatchSize() {
    return calls.call(() -> ((BatchSizeSupported) delegate).getBatchSize());
  }

  @Override
  public void setChannel(Channel channel) {
    calls.run(() -> delegate.setChannel(channel));
  }

  @Override
  public Channel getChannel() {
    return delegate.getChannel();
  }

  @Override
  public Status process() throws EventDeliveryException {
    return calls.deliver(delegate::process);
  }

  @Override
  public void start() {
    calls.run(delegate::start);
  }

  @Override
  public void stop() {
    calls.run(delegate::stop);
  }

  @Override
  public LifecycleState getLifecycleState() {
    return delegate.getLifecycleState();
  }

  @Override
  public void setName(String name) {
    calls.run(() -> delegate.setName(name));
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
