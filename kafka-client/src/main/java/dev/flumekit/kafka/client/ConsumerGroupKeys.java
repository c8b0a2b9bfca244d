package dev.flumekit.kafka.client;

import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;

/**
 * The consumer group keys of every flumekit consumer (the Kafka source's, the Kafka channel's take
 * side), declared once: the group the component reads in, and its static membership.
 */
public final class ConsumerGroupKeys {
  private ConsumerGroupKeys() {}

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.builder("kafka.consumer.group.id", ValueType.NON_EMPTY_STRING)
          .defaultValue("flume")
          .deprecatedAlias("groupId")
          .doc(
              "Consumer group: the members of one group (Kafka sources or Kafka channels, in one"
                  + " agent or many) share the topics' partitions and resume from the group's"
                  + " committed offsets. Any other consumer in the group takes records away from"
                  + " them.")
          .build();

  public static final ConfigKey<String> GROUP_INSTANCE_ID =
      ConfigKey.builder("kafka.consumer.group.instance.id", ValueType.NON_EMPTY_STRING)
          .doc(
              "Static group membership: a member started again with the same id (after kill -9,"
                  + " a crash or a restart) gets its partitions back at once, without waiting for"
                  + " the group's session timeout and without a rebalance. Stable across restarts"
                  + " and unique among the group's running consumers. On stop the member leaves the"
                  + " group, so the others take over its partitions at once. none: dynamic"
                  + " membership (a killed member's partitions wait out the session timeout), the"
                  + " default with kafka.consumer.group.protocol = consumer, which refuses a"
                  + " restarted static member until the killed one's session times out. On a host"
                  + " named localhost* the default is none. A member whose id another member took"
                  + " stops taking, with an error (GroupInstanceIdFenced).")
          .defaultDoc("flumekit-<source|channel>-<agent name>-<name>-on-<host name>")
          .validator(
              Validator.of(
                  "at most 249 of A-Z a-z 0-9 . _ -",
                  id -> id.length() <= 249 && id.matches("[A-Za-z0-9._-]+")))
          .build();
}
