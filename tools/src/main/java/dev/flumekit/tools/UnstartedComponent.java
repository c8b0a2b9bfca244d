package dev.flumekit.tools;

import dev.flumekit.common.agent.ComponentKind;
import java.util.Optional;
import org.apache.flume.Context;
import org.apache.flume.channel.DefaultChannelFactory;
import org.apache.flume.conf.Configurables;
import org.apache.flume.sink.DefaultSinkFactory;
import org.apache.flume.source.DefaultSourceFactory;

/**
 * A component made by Flume's factories and configured, never started: what the commands ask
 * questions of (check --connect, test).
 */
final class UnstartedComponent {
  private UnstartedComponent() {}

  /**
   * The component of {@code kind} (a source, channel or sink), configured with {@code context}, if
   * it is a {@code wanted}; empty otherwise, and then not configured.
   */
  static <T> Optional<T> of(
      ComponentKind kind, String name, String type, Context context, Class<T> wanted) {
    Object component =
        switch (kind) {
          case SOURCE -> new DefaultSourceFactory().create(name, type);
          case CHANNEL -> new DefaultChannelFactory().create(name, type);
          case SINK -> new DefaultSinkFactory().create(name, type);
          default -> throw new IllegalArgumentException("not a source, channel or sink: " + kind);
        };
    if (!wanted.isInstance(component)) {
      return Optional.empty();
    }
    Configurables.configure(component, context);
    return Optional.of(wanted.cast(component));
  }
}
