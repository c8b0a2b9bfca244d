package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.config.SettingsDigest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The components an agent's configuration file names, with their types and a sink's channel: what
 * {@code /health} expects to find running, and the {@code type} label of their metrics. Flume does
 * not tell its monitoring service which agent it runs nor from which file, so both are read from
 * the JVM's command line ({@code -n NAME -f FILE}, as {@code flume-ng agent} passes them, or {@code
 * -u URI} for a file: or flumekit-checked: URI, as {@code bin/flumekit-agent agent} passes it).
 */
public record AgentLayout(
    String agent, Map<String, Component> components, List<Interceptor> interceptors) {
  /** A configured component, keyed {@code KIND.name} as Flume's monitoring names it. */
  public record Component(String kind, String name, String type, String channel) {
    public String key() {
      return kind + "." + name;
    }
  }

  /**
   * An interceptor of a source's chain: its name, its configured type, and the digest of its
   * settings by which its counters are recognised ({@link SettingsDigest}).
   */
  public record Interceptor(String source, String name, String type, String settingsDigest) {}

  public AgentLayout {
    components = Map.copyOf(components);
    interceptors = List.copyOf(interceptors);
  }

  public AgentLayout(String agent, Map<String, Component> components) {
    this(agent, components, List.of());
  }

  /** Nothing known: neither the agent's name nor its file (the metrics still flow). */
  public static AgentLayout unknown(String agent) {
    return new AgentLayout(agent, Map.of());
  }

  public Optional<Component> component(String key) {
    return Optional.ofNullable(components.get(key));
  }

  /**
   * The layout of the agent this JVM runs, from {@code javaCommand} (the {@code sun.java.command}
   * property: main class and arguments); {@code agentOverride} names the agent when set.
   */
  public static AgentLayout fromCommandLine(String javaCommand, String agentOverride) {
    List<String> args = arguments(javaCommand);
    String agent = agentOverride != null ? agentOverride : argument(args, "-n", "--name");
    String file = argument(args, "-f", "--conf-file");
    if (file == null) {
      file = fileOf(argument(args, "-u", "--conf-uri"));
    }
    if (agent == null) {
      return unknown("unknown");
    }
    if (file == null || !Files.isReadable(Path.of(file))) {
      return unknown(agent);
    }
    try {
      return of(agent, AgentFile.read(Path.of(file)));
    } catch (IOException | IllegalArgumentException e) {
      return unknown(agent);
    }
  }

  /** The layout {@code agent}'s part of a Flume properties configuration describes. */
  public static AgentLayout of(String agent, Map<String, String> properties) {
    Map<String, Component> components = new LinkedHashMap<>();
    List<Interceptor> interceptors = new ArrayList<>();
    for (ComponentKind kind : ComponentKind.RUNNING) {
      for (String name : AgentFile.components(properties, agent, kind)) {
        String prefix = AgentFile.prefix(agent, kind, name);
        String type = properties.getOrDefault(prefix + "type", "unknown").trim();
        String channel = properties.getOrDefault(prefix + "channel", "").trim();
        Component c = new Component(kind.monitored(), name, type, channel);
        components.put(c.key(), c);
        for (String interceptor : AgentFile.words(properties.get(prefix + "interceptors"))) {
          interceptors.add(
              interceptor(
                  properties, name, interceptor, prefix + "interceptors." + interceptor + "."));
        }
      }
    }
    return new AgentLayout(agent, components, interceptors);
  }

  private static Interceptor interceptor(
      Map<String, String> properties, String source, String name, String prefix) {
    Map<String, String> settings = AgentFile.under(properties, prefix);
    return new Interceptor(
        source, name, settings.getOrDefault("type", "unknown").trim(), SettingsDigest.of(settings));
  }

  /** The file a configuration URI names, if it names one: {@code file:} or a checked file. */
  static String fileOf(String uri) {
    if (uri == null) {
      return null;
    }
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme();
      return "file".equals(scheme) || "flumekit-checked".equals(scheme)
          ? parsed.getSchemeSpecificPart().replaceFirst("^//", "")
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The words of the JVM's command line. */
  static List<String> arguments(String javaCommand) {
    return javaCommand == null ? List.of() : Arrays.asList(javaCommand.trim().split("\\s+"));
  }

  static String argument(List<String> args, String shortName, String longName) {
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(shortName) || args.get(i).equals(longName)) {
        return args.get(i + 1);
      }
    }
    return null;
  }
}
