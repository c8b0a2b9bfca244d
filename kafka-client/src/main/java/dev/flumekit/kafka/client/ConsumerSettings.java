package dev.flumekit.kafka.client;

import dev.flumekit.common.net.InstanceName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer settings flumekit's consumers share (the Kafka source's, the Kafka channel's take
 * side): offsets committed by the component, never automatically; a new group starts from the
 * oldest record; only committed transactions are read (records of an aborted Kafka transaction,
 * which a transactional writer re-sends, would otherwise be taken twice); cooperative rebalances;
 * static group membership, so that a restarted member gets its partitions back at once; {@code
 * kafka.consumer.*} overrides last, except the settings the component owns.
 */
public final class ConsumerSettings {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerSettings.class);

  /** Settings the component owns; a {@code kafka.consumer.*} override of one is refused. */
  private static final Set<String> OWNED =
      Set.of("key.deserializer", "value.deserializer", "enable.auto.commit", "bootstrap.servers");

  private ConsumerSettings() {}

  /**
   * The {@code kafka.consumer.*} entries to pass on.
   *
   * @param prefixed the entries under the prefix, keyed by the part after it
   * @param prefix the prefix, for messages
   * @param owner what sets the owned settings, e.g. "source"
   * @param problem takes a message for each owned setting overridden
   */
  public static Map<String, String> overrides(
      Map<String, String> prefixed, String prefix, String owner, Consumer<String> problem) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : prefixed.entrySet()) {
      if (OWNED.contains(e.getKey())) {
        problem.accept(prefix + e.getKey() + ": set by the " + owner + " itself; remove this key");
      } else if (!e.getKey().equals("group.id") && !e.getKey().equals("group.instance.id")) {
        overrides.put(e.getKey(), e.getValue());
      }
    }
    ClientValues.problems(prefix, overrides, ConsumerConfig.configDef()).forEach(problem);
    return overrides;
  }

  /**
   * The consumer's group.instance.id: the configured one, none for dynamic membership (null), or by
   * default one that is stable across restarts and names the component and the host.
   */
  public static String groupInstanceId(
      String configured, String role, String componentName, Map<String, String> overrides) {
    if (configured == null && usesConsumerProtocol(overrides)) {
      // that protocol refuses a restarted static member (UnreleasedInstanceIdException) until the
      // session of the killed one times out: in ConsumerGroupMembershipIT it did not read again in
      // 120 s, where a dynamic member waits 45 s
      return null;
    }
    if (configured == null) {
      String id;
      try {
        id = InstanceName.defaultId(role, componentName, "-on-");
      } catch (IllegalStateException e) {
        // a static id shared by clones would fence their consumers in turn: dynamic membership
        // is safe, only slower to hand a killed member's partitions on
        LOG.warn(
            "{} {}: kafka.consumer.group.instance.id is not set, and {}: the consumer joins its"
                + " group as a dynamic member; set the key to a name unique among running agents"
                + " and stable across restarts for static membership",
            role,
            componentName,
            e.getMessage());
        return null;
      }
      // only the characters Kafka allows in the id
      id = id.replaceAll("[^A-Za-z0-9._-]", "_");
      return id.length() <= 249 ? id : id.substring(0, 249);
    }
    return configured.equals("none") ? null : configured;
  }

  /** Whether the consumer runs Kafka's consumer group protocol (KIP-848) instead of the classic. */
  private static boolean usesConsumerProtocol(Map<String, String> overrides) {
    return "consumer".equalsIgnoreCase(overrides.getOrDefault("group.protocol", "").trim());
  }

  /** The consumer's properties: the shared defaults, then the overrides. */
  public static Map<String, Object> properties(
      List<String> bootstrapServers,
      String groupId,
      String groupInstanceId,
      int maxPollRecords,
      String clientId,
      Map<String, String> overrides) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", String.join(",", bootstrapServers));
    p.put("group.id", groupId);
    if (groupInstanceId != null) {
      p.put("group.instance.id", groupInstanceId);
    }
    p.put("enable.auto.commit", false);
    p.put("auto.offset.reset", "earliest");
    p.put("max.poll.records", maxPollRecords);
    p.put("isolation.level", "read_committed");
    if (!usesConsumerProtocol(overrides)) {
      // the classic protocol's assignment is the client's; the consumer protocol's the broker's
      p.put(
          "partition.assignment.strategy",
          "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    }
    p.put("client.id", clientId);
    p.putAll(overrides);
    return p;
  }
}
