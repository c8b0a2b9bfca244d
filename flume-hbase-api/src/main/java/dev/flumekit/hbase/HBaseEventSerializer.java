package dev.flumekit.hbase;

import org.apache.flume.Event;

/**
 * Turns one event into cells. Implementations are stateless and thread-safe: built once from their
 * {@code serializer.*} properties by a public constructor taking a {@code Map<String, String>},
 * then called for every event. They depend on no HBase class, so a custom mapping survives client
 * upgrades.
 */
public interface HBaseEventSerializer {
  /**
   * Writes the event's cells to {@code cells}.
   *
   * @throws InvalidEventException if this event cannot be mapped (the sink sends it to the
   *     dead-letter policy and goes on)
   */
  void serialize(Event event, CellCollector cells) throws InvalidEventException;

  /** Thrown for an event that no retry will make mappable. */
  final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String reason) {
      super(reason);
    }
  }
}
