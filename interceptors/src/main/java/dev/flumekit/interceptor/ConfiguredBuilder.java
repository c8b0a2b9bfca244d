package dev.flumekit.interceptor;

import dev.flumekit.common.config.SettingsDigest;
import java.util.Map;
import java.util.function.Function;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;

/**
 * Flume's builder contract for a flumekit interceptor: {@code configure} parses the typed,
 * immutable configuration once (failing with every problem named), {@code build} makes an
 * interceptor from it.
 */
public abstract class ConfiguredBuilder<C> implements Interceptor.Builder {
  private final Function<Map<String, String>, C> parser;
  private final Function<C, Interceptor> factory;
  private C config;
  private String settingsDigest;

  protected ConfiguredBuilder(
      Function<Map<String, String>, C> parser, Function<C, Interceptor> factory) {
    this.parser = parser;
    this.factory = factory;
  }

  @Override
  public final void configure(Context context) {
    config = parser.apply(context.getParameters());
    settingsDigest = SettingsDigest.of(context.getParameters());
  }

  @Override
  public final Interceptor build() {
    if (config == null) {
      throw new IllegalStateException("configure() has not succeeded");
    }
    Interceptor interceptor = factory.apply(config);
    if (interceptor instanceof CountingInterceptor counting) {
      counting.counter().identify(getClass().getName(), settingsDigest);
    }
    return interceptor;
  }
}
