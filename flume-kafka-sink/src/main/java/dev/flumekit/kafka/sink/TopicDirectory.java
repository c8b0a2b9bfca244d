package dev.flumekit.kafka.sink;

import java.util.Set;

/**
 * What the cluster has said about a topic: whether it exists, and the largest record batch it
 * accepts. A record for a topic the cluster says does not exist would block its send for
 * max.block.ms and then fail as if the cluster were down; a record over the topic's
 * max.message.bytes fails its batch (and aborts a transaction). Such events are routed by policy
 * before sending. A topic the cluster did not answer for is sent as usual (a broker outage must
 * hold events, not dead-letter them).
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

  /** Returned by {@link #maxMessageBytes} while a topic's limit is not known. */
  int NO_KNOWN_LIMIT = Integer.MAX_VALUE;

  /**
   * The largest record batch the topic accepts ({@code max.message.bytes}, the topic's own or the
   * brokers' default), or {@link #NO_KNOWN_LIMIT} while the cluster has not said.
   */
  default int maxMessageBytes(String topic) {
    return NO_KNOWN_LIMIT;
  }

  /** The topics the cluster said exist, of those asked about: the topics written so far. */
  default Set<String> knownTopics() {
    return Set.of();
  }

  @Override
  default void close() {}
}
