package dev.flumekit.common.net;

import java.util.Locale;
import java.util.Optional;

/**
 * What makes a running component's ids in a Kafka cluster (transactional.id, group.instance.id) its
 * own: the agent's name, the host's name and the component's. Two agents on one host, each with a
 * channel named {@code kafka}, differ by the agent's name; two hosts by theirs.
 */
public final class InstanceName {
  /** Set by a launcher that knows the agent's name better than its command line does. */
  public static final String AGENT_PROPERTY = "flumekit.agent.name";

  private InstanceName() {}

  /**
   * The name of the Flume agent this JVM runs: {@value #AGENT_PROPERTY} if set, else the {@code -n}
   * / {@code --name} argument of its command line ({@code flume-ng agent -n NAME} starts {@code
   * org.apache.flume.node.Application -n NAME}); empty when neither says.
   */
  public static Optional<String> agent() {
    String set = System.getProperty(AGENT_PROPERTY);
    if (set != null && !set.isBlank()) {
      return Optional.of(set.trim());
    }
    return agentOf(System.getProperty("sun.java.command", ""));
  }

  /** The agent's name in a Java command line, as {@link #agent()} reads it. */
  static Optional<String> agentOf(String command) {
    String[] words = command.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if ((w.equals("-n") || w.equals("--name")) && i + 1 < words.length) {
        return Optional.of(words[i + 1]);
      }
      if (w.startsWith("--name=") && w.length() > 7) {
        return Optional.of(w.substring(7));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code host} tells this machine from others: not a name every unconfigured machine,
   * cloned VM or container may have ({@code localhost}, {@code localhost.localdomain}, ...).
   */
  public static boolean distinctive(String host) {
    String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    return !(h.isEmpty()
        || h.startsWith("localhost")
        || h.startsWith("ip6-localhost")
        || h.startsWith("ip6-loopback")
        || h.equals("127.0.0.1")
        || h.equals("::1"));
  }

  /**
   * The default id of a component in a Kafka cluster: {@code flumekit-<role>-<agent>-<component>}
   * and the host, {@code separator} between them; without the agent's part when the agent's name is
   * unknown.
   *
   * @throws IllegalStateException when the host's name is not {@link #distinctive}: an id built on
   *     it would be shared by every clone of this machine
   */
  public static String defaultId(String role, String component, String separator) {
    String host = LocalHost.name();
    if (!distinctive(host)) {
      throw new IllegalStateException(
          "this host's name is '"
              + host
              + "', which cloned machines and containers share, so the default id would not be"
              + " unique");
    }
    return idOf(role, agent().orElse(null), component, separator, host);
  }

  /**
   * The form of every default id: {@code flumekit-<role>-<agent>-<component><separator><host>},
   * without the agent's part when {@code agent} is null.
   */
  public static String idOf(
      String role, String agent, String component, String separator, String host) {
    return "flumekit-"
        + role
        + "-"
        + (agent == null ? "" : agent + "-")
        + component
        + separator
        + host;
  }
}
