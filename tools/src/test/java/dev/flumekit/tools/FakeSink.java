package dev.flumekit.tools;

import org.apache.flume.Context;
import org.apache.flume.Sink;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.apache.logging.log4j.LogManager;

/**
 * A sink that describes itself as its {@code fake.*} keys say ({@link FakeDescription}), and warns
 * as it is configured, as flumekit's components do, when {@code fake.warn} says what.
 */
public final class FakeSink extends AbstractSink implements Configurable, FakeDescription {
  private Context keys = new Context();

  @Override
  public void configure(Context context) {
    keys = context;
    String warning = context.getString("fake.warn");
    if (warning != null) {
      LogManager.getLogger(FakeSink.class).warn(warning);
    }
  }

  @Override
  public Context fakeKeys() {
    return keys;
  }

  @Override
  public Sink.Status process() {
    return Sink.Status.BACKOFF;
  }
}
