package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.net.InstanceName;
import dev.flumekit.common.net.LocalHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ids a component will hold in its Kafka cluster when their defaults are used
 * (transactional.id, group.instance.id), named with the collision they risk: each must be unique
 * among the running agents. Two agents of one name on one host, or copies of one host (cloned VMs,
 * containers), would share them; their producers then fence each other, or one consumer takes the
 * other's place. Defaults built on a host name every clone has are refused when the agent starts;
 * this says so before.
 */
final class KafkaIds {
  private static final String CHANNEL = "dev.flumekit.kafka.KafkaChannel";
  private static final String SINK = "dev.flumekit.kafka.KafkaSink";
  private static final String SOURCE = "dev.flumekit.kafka.KafkaSource";

  private KafkaIds() {}

  static List<String> notes(
      String agent, Map<String, String> properties, Map<ComponentKind, Set<String>> declared) {
    List<String> notes = new ArrayList<>();
    String host = LocalHost.name();
    for (ComponentKind kind :
        List.of(ComponentKind.CHANNEL, ComponentKind.SINK, ComponentKind.SOURCE)) {
      for (String name : declared.getOrDefault(kind, Set.of())) {
        String prefix = AgentFile.prefix(agent, kind, name);
        String type = properties.getOrDefault(prefix + "type", "").trim();
        String role =
            type.equals(CHANNEL)
                ? "channel"
                : type.equals(SINK) ? "sink" : type.equals(SOURCE) ? "source" : null;
        if (role == null) {
          continue;
        }
        boolean transactional =
            !role.equals("source")
                && "true".equalsIgnoreCase(properties.getOrDefault(prefix + "transactional", ""));
        if (transactional && !properties.containsKey(prefix + "transactionalId")) {
          notes.add(idLine(role, name, "transactionalId", agent, "@", host, "fence each other"));
        }
        boolean consumes =
            role.equals("source")
                || (role.equals("channel")
                    && properties.containsKey(prefix + "kafka.consumer.group.id"));
        if (consumes && !properties.containsKey(prefix + "kafka.consumer.group.instance.id")) {
          notes.add(
              idLine(
                  role,
                  name,
                  "kafka.consumer.group.instance.id",
                  agent,
                  "-on-",
                  host,
                  "take each other's place in the group"));
        }
      }
    }
    return notes;
  }

  private static String idLine(
      String role,
      String name,
      String key,
      String agent,
      String separator,
      String host,
      String collision) {
    String id = InstanceName.idOf(role, agent, name, separator, host);
    if (!InstanceName.distinctive(host)) {
      return role
          + " "
          + name
          + ": "
          + key
          + " is not set, and this host's name is '"
          + host
          + "', which clones share: set "
          + key
          + " (unique among running agents, stable across restarts)";
    }
    return role
        + " "
        + name
        + ": "
        + key
        + " defaults to "
        + id
        + ": every running agent needs its own; two agents named '"
        + agent
        + "' on this host, or copies of this host, would "
        + collision
        + ". Set "
        + key
        + " where host names repeat or change at each start (containers)";
  }
}
