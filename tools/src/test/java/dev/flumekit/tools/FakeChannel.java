package dev.flumekit.tools;

import org.apache.flume.Context;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.ConfigurationException;

/**
 * A channel that describes itself as its {@code fake.*} keys say ({@link FakeDescription}), and
 * refuses its configuration as flumekit's components do, every problem on a line, when {@code
 * fake.refuse} names one.
 */
public final class FakeChannel extends MemoryChannel implements FakeDescription {
  private Context keys = new Context();

  @Override
  public void configure(Context context) {
    String refused = context.getString("fake.refuse");
    if (refused != null) {
      throw new ConfigurationException(
          "Invalid configuration for fake channel " + getName() + " (1 problem):\n  - " + refused);
    }
    super.configure(context);
    keys = context;
  }

  @Override
  public Context fakeKeys() {
    return keys;
  }
}
