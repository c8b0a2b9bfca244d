package dev.flumekit.common.net;

import java.util.Map;

/**
 * What flumekit's Kafka components say when they check their credentials at start (the sink's and
 * channel's through an Admin client, the source's through its consumer): whether a client
 * authenticates at all, and the messages for a cluster that refused or did not answer. Refused
 * credentials fail the start, since retrying cannot heal them; a cluster that does not answer does
 * not (it may come up later).
 */
public final class KafkaCredentials {
  private KafkaCredentials() {}

  /** A client's security.protocol when it authenticates (anything but PLAINTEXT), else null. */
  public static String protocol(Map<String, ?> clientProperties) {
    Object protocol = clientProperties.get("security.protocol");
    return protocol == null || "PLAINTEXT".equalsIgnoreCase(protocol.toString().trim())
        ? null
        : protocol.toString();
  }

  /** The start-up error for refused credentials: what was refused and which keys to check. */
  public static String refused(
      String component, String protocol, String keyPrefix, String clusterSaid) {
    return component
        + ": the Kafka cluster refused the "
        + protocol
        + " credentials of "
        + keyPrefix
        + "* ("
        + clusterSaid
        + "); check "
        + keyPrefix
        + "sasl.jaas.config, "
        + keyPrefix
        + "sasl.mechanism and "
        + keyPrefix
        + "ssl.*. Not started.";
  }

  /** The log line for accepted credentials. */
  public static String accepted(String component, String protocol) {
    return component + ": the Kafka cluster accepted the " + protocol + " credentials";
  }

  /** The warning for a cluster that did not answer the check. */
  public static String unverified(String component, Object why) {
    return component
        + ": could not check the Kafka credentials, the cluster did not answer ("
        + why
        + "); the client keeps trying";
  }
}
