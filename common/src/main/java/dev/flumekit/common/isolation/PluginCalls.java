package dev.flumekit.common.isolation;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;

/**
 * Runs calls into a plugin's implementation with the plugin's class loader as the thread's context
 * class loader (client libraries look classes up there), and creates that implementation.
 */
final class PluginCalls {
  private final ClassLoader loader;

  PluginCalls(ClassLoader loader) {
    this.loader = loader;
  }

  <T> T create(String className, Class<T> type) {
    return call(
        () -> {
          Class<?> implementation = Class.forName(className, true, loader);
          try {
            return type.cast(implementation.getDeclaredConstructor().newInstance());
          } catch (InvocationTargetException e) {
            throw new FlumeException("cannot create " + className, e.getCause());
          }
        });
  }

  /** A call that may fail with Flume's checked delivery exception, passed through as it is. */
  interface Delivery<T> {
    T call() throws EventDeliveryException;
  }

  <T> T deliver(Delivery<T> action) throws EventDeliveryException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  <T> T call(Callable<T> action) {
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
