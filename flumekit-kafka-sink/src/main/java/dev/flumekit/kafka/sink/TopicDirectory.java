package dev.flumekit.kafka.sink;

/**
 * Whether a topic exists, as far as the cluster has said. A record for a topic the cluster says
 * does not exist would block its send for max.block.ms and then fail as if the cluster were down,
 * so such events are routed by policy before sending; a topic the cluster did not answer for is
 * sent as usual (a broker outage must hold events, not dead-letter them).
 */
interface TopicDirectory extends AutoCloseable {
  /** What the cluster said about a topic. */
  enum Existence {
    EXISTS,
    /** The cluster answered that it has no such topic and does not create topics on demand. */
    MISSING,
    /** The cluster did not answer in time. */
    UNKNOWN
  }

  Existence existence(String topic);

  @Override
  default void close() {}
}
