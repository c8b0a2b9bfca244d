package dev.flumekit.hbase.sink;

import java.util.Map;

/**
 * Reads an event's line identity for exactly-once counting: the id header, {@code
 * <stream>:<position>} (the tail source's {@code <file id>:<byte offset>}), and the Kafka partition
 * the event came through (headers {@code topic} and {@code partition}, when it came from Kafka). A
 * line's copies reach the sink in position order within one stream and one partition, so each
 * (stream, partition) pair is one sequence of positions. I/O-free.
 */
final class LineIdentity {
  /** One line: the sequence it belongs to and its position in it. */
  record Line(String sequence, long position) {}

  private final String header;

  LineIdentity(String header) {
    this.header = header;
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
    String stream = id.substring(0, colon);
    String topic = headers.get("topic");
    String partition = headers.get("partition");
    return new Line(
        topic != null && partition != null ? stream + "@" + topic + "-" + partition : stream,
        position);
  }

  /** Why an event cannot be counted exactly once, for its dead letter. */
  String missingReason(Map<String, String> headers) {
    String id = headers.get(header);
    return id == null
        ? "header "
            + header
            + " (the line's identity) is absent: counterGuarantee = exactly-once"
            + " counts identified lines only"
        : "header " + header + " = '" + id + "' is not a line identity <stream>:<position>";
  }
}
