package dev.flumekit.common.isolation;

import org.apache.flume.Channel;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;

/**
 * The class an operator names as a channel's {@code type}: it creates the real channel inside the
 * plugin's isolated class loader and forwards every call to it, transactions included, with that
 * loader as the thread's context class loader. Sources and sinks call a channel from their own
 * threads, so every call switches the loader, not only those of the lifecycle.
 */
public abstract class PluginFacadeChannel extends PluginFacade<Channel>
    implements Channel, Configurable {
  /**
   * @param implementationClassName the channel to run in the plugin's class loader
   * @param apiPackages packages extensions of the plugin implement (see {@link
   *     PluginIsolation#loaderFor})
   */
  protected PluginFacadeChannel(String implementationClassName, String... apiPackages) {
    super(Channel.class, implementationClassName, apiPackages);
  }

  @Override
  public void put(Event event) throws ChannelException {
    calls.run(() -> delegate.put(event));
  }

  @Override
  public Event take() throws ChannelException {
    return calls.call(delegate::take);
  }

  @Override
  public Transaction getTransaction() {
    return new IsolatedTransaction(calls.call(delegate::getTransaction));
  }

  /** A transaction of the real channel whose commit and rollback run in the plugin's loader. */
  private final class IsolatedTransaction implements Transaction {
    private final Transaction transaction;

    private IsolatedTransaction(Transaction transaction) {
      this.transaction = transaction;
    }

    @Override
    public void begin() {
      calls.run(transaction::begin);
    }

    @Override
    public void commit() {
      calls.run(transaction::commit);
    }

    @Override
    public void rollback() {
      calls.run(transaction::rollback);
    }

    @Override
    public void close() {
      calls.run(transaction::close);
    }

    @Override
    public String toString() {
      return transaction.toString();
    }
  }
}
