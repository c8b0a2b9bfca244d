package dev.flumekit.tools;

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
   * The component of {@code kind} ({@code sources}, {@code channels} or {@code sinks}), configured
   * with {@code context}, if it is a {@code wanted}; empty otherwise, and then not configured.
   */
  static <T> Optional<T> of(
      String kind, String name, String type, Context context, Class<T> wanted) {
    Object component =
        switch (kind) {
          case "sources" -> new DefaultSourceFactory().create(name, type);
          case "channels" -> new DefaultChannelFactory().create(name, type);
          default -> new DefaultSinkFactory().create(name, type);
        };
    if (!wanted.isInstance(component)) {
      return Optional.empty();
    }
    Configurables.configure(component, context);
    return Optional.of(wanted.cast(component));
  }
}
