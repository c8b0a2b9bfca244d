package dev.flumekit.tools;

import org.apache.flume.Context;
import org.apache.flume.Sink;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;

/** A sink that describes itself as its {@code fake.*} keys say ({@link FakeDescription}). */
public final class FakeSink extends AbstractSink implements Configurable, FakeDescription {
  private Context keys = new Context();

  @Override
  public void configure(Context context) {
    keys = context;
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
