package dev.flumekit.common.isolation;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.Sink;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * The class an operator names as a sink's {@code type}: it creates the real sink inside the
 * plugin's isolated class loader and forwards every call to it, with that loader as the thread's
 * context class loader (client libraries look classes up there).
 */
public abstract class IsolatedSink implements Sink, Configurable, BatchSizeSupported {
  private final ClassLoader loader;
  private final Sink delegate;

  protected IsolatedSink(String implementationClassName) {
    this.loader = PluginIsolation.loaderFor(getClass());
    this.delegate =
        call(
            () -> {
              Class<?> type = Class.forName(implementationClassName, true, loader);
              try {
                return (Sink) type.getDeclaredConstructor().newInstance();
              } catch (InvocationTargetException e) {
                throw new FlumeException("cannot create " + implementationClassName, e.getCause());
              }
            });
  }

  @Override
  public void configure(Context context) {
    run(() -> ((Configurable) delegate).configure(context));
  }

  @Override
  public long getBatchSize() {
    return call(() -> ((BatchSizeSupported) delegate).getBatchSize());
  }

  @Override
  public void setChannel(Channel channel) {
    run(() -> delegate.setChannel(channel));
  }

  @Override
  public Channel getChannel() {
    return delegate.getChannel();
  }

  @Override
  public Status process() throws EventDeliveryException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return delegate.process();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void start() {
    run(delegate::start);
  }

  @Override
  public void stop() {
    run(delegate::stop);
  }

  @Override
  public LifecycleState getLifecycleState() {
    return delegate.getLifecycleState();
  }

  @Override
  public void setName(String name) {
    run(() -> delegate.setName(name));
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  private <T> T call(Callable<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new FlumeException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
