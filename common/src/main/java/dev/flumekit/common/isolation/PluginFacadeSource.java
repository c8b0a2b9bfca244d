package dev.flumekit.common.isolation;

import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;

/**
 * The class an operator names as a pollable source's {@code type}: it creates the real source
 * inside the plugin's isolated class loader and forwards every call to it, with that loader as the
 * thread's context class loader.
 */
public abstract class PluginFacadeSource extends PluginFacade<PollableSource>
    implements PollableSource, Configurable, BatchSizeSupported {
  /**
   * @param implementationClassName the source to run in the plugin's class loader
   * @param apiPackages packages extensions of the plugin implement (see {@link
   *     PluginIsolation#loaderFor})
   */
  protected PluginFacadeSource(String implementationClassName, String... apiPackages) {
    super(PollableSource.class, implementationClassName, apiPackages);
  }

  @Override
  public long getBatchSize() {
    return calls.call(() -> ((BatchSizeSupported) delegate).getBatchSize());
  }

  @Override
  public Status process() throws EventDeliveryException {
    return calls.deliver(delegate::process);
  }

  @Override
  public long getBackOffSleepIncrement() {
    return delegate.getBackOffSleepIncrement();
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return delegate.getMaxBackOffSleepInterval();
  }

  @Override
  public void setChannelProcessor(ChannelProcessor channelProcessor) {
    calls.run(() -> delegate.setChannelProcessor(channelProcessor));
  }

  @Override
  public ChannelProcessor getChannelProcessor() {
    return delegate.getChannelProcessor();
  }
}
