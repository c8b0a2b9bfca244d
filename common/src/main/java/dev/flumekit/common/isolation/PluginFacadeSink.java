package dev.flumekit.common.isolation;

import org.apache.flume.Channel;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;

/**
 * The class an operator names as a sink's {@code type}: it creates the real sink inside the
 * plugin's isolated class loader and forwards every call to it, with that loader as the thread's
 * context class loader (client libraries look classes up there).
 */
public abstract class PluginFacadeSink extends PluginFacade<Sink>
    implements Sink, Configurable, BatchSizeSupported {
  /**
   * @param implementationClassName the sink to run in the plugin's class loader
   * @param apiPackages packages extensions of the plugin implement (see {@link
   *     PluginIsolation#loaderFor})
   */
  protected PluginFacadeSink(String implementationClassName, String... apiPackages) {
    super(Sink.class, implementationClassName, apiPackages);
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
}
