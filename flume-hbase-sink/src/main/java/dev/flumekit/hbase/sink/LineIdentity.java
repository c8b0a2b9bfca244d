package dev.flumekit.hbase.sink;

import java.util.Map;
import java.util.Objects;

/**
 * Reads an event's line identity for exactly-once counting: the id header, {@code
 * <stream>:<position>} (the tail source's {@code <file id>:<byte offset>}), and the Kafka partition
 * the event came through (the topic header and {@code partition}, when it came from Kafka). A
 * line's copies reach the sink in position order within one stream and one partition, so each
 * (stream, partition) pair is one sequence of positions. I/O-free.
 */
final class LineIdentity {
  /** One line: the sequence it belongs to and its position in it. */
  record Line(String sequence, long position) {
    /** The line of every event under at-least-once counting, which reads none. */
    static final Line UNREAD = new Line("", -1);
  }

  /** Set by flumekit's Kafka channel and source on every event they take. */
  static final String PARTITION_HEADER = "partition";

  /**
   * The sequence of the line read last, and what it was built from. The lines of a batch come in
   * runs of one stream and one partition: reusing the name (instead of concatenating a new one per
   * line) saves the copy, and the planner's map lookups then find their key by identity with its
   * hash already computed. Immutable, so a sink's workers may share it without locking.
   */
  private record LastSequence(String stream, String topic, String partition, String name) {
    boolean of(String id, int colon, String topic, String partition) {
      return colon == stream.length()
          && id.startsWith(stream)
          && Objects.equals(topic, this.topic)
          && Objects.equals(partition, this.partition);
    }
  }

  private final String header;
  private final String topicHeader;
  private LastSequence last;

  LineIdentity(String header, String topicHeader) {
    this.header = header;
    this.topicHeader = topicHeader;
  }

  String header() {
    return header;
  }

  /** The event's line, or null when it has no (well-formed) id. */
  Line of(Map<String, String> headers) {
    String id = headers.get(header);
    if (id == null) {
      return null;
    }
    int colon = id.lastIndexOf(':');
    if (colon <= 0 || colon == id.length() - 1) {
      return null;
    }
    long position;
    try {
      position = Long.parseLong(id, colon + 1, id.length(), 10);
    } catch (NumberFormatException e) {
      return null;
    }
    if (position < 0) {
      return null;
    }
    String partition = headers.get(PARTITION_HEADER);
    // not through Kafka (no partition): one sequence per stream
    String topic = partition == null ? null : headers.get(topicHeader);
    if (partition != null && topic == null) {
      // the partitions of a stream would share one marker, and one's lines skip another's
      return null;
    }
    return new Line(sequence(id, colon, topic, partition), position);
  }

  private String sequence(String id, int colon, String topic, String partition) {
    LastSequence seen = last;
    if (seen != null && seen.of(id, colon, topic, partition)) {
      return seen.name();
    }
    String stream = id.substring(0, colon);
    String name = partition == null ? stream : stream + "@" + topic + "-" + partition;
    last = new LastSequence(stream, topic, partition, name);
    return name;
  }

  /** Why an event cannot be counted exactly once, for its dead letter. */
  String missingReason(Map<String, String> headers) {
    String id = headers.get(header);
    if (id != null && headers.containsKey(PARTITION_HEADER) && !headers.containsKey(topicHeader)) {
      return "header "
          + topicHeader
          + " (the Kafka topic) is absent while partition is set: set topicHeader to the header"
          + " the channel names its topic in";
    }
    return id == null
        ? "header "
            + header
            + " (the line's identity) is absent: counterGuarantee = exactly-once"
            + " counts identified lines only"
        : "header " + header + " = '" + id + "' is not a line identity <stream>:<position>";
  }
}
