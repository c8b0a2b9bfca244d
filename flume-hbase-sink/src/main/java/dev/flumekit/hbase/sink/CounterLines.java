package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.HBaseEventSerializer.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the counters need of each event, chosen once from {@code counterGuarantee}: at-least-once
 * needs nothing ({@link #UNREAD}); exactly-once needs the event's line (its {@link LineIdentity})
 * and counter columns outside the bookkeeping cells' namespace. I/O-free.
 */
sealed interface CounterLines permits CounterLines.Unread, CounterLines.Identified {
  /** At-least-once: no line is read, every counter column is taken. */
  CounterLines UNREAD = new Unread();

  /** Exactly-once: each event's line is read with {@code identity}. */
  static CounterLines identified(LineIdentity identity) {
    return new Identified(identity);
  }

  /**
   * The line an event's counters are attributed to.
   *
   * @throws InvalidEventException when the event cannot be counted, with the reason
   */
  LineIdentity.Line lineOf(Map<String, String> headers) throws InvalidEventException;

  /**
   * Refuses a counter column the counters cannot take.
   *
   * @throws InvalidEventException with the reason
   */
  void checkColumn(byte[] qualifier) throws InvalidEventException;

  /** At-least-once counting. */
  final class Unread implements CounterLines {
    private Unread() {}

    @Override
    public LineIdentity.Line lineOf(Map<String, String> headers) {
      return LineIdentity.Line.UNREAD;
    }

    @Override
    public void checkColumn(byte[] qualifier) {
      // increments take any column
    }
  }

  /** Exactly-once counting. */
  record Identified(LineIdentity identity) implements CounterLines {
    @Override
    public LineIdentity.Line lineOf(Map<String, String> headers) throws InvalidEventException {
      LineIdentity.Line line = identity.of(headers);
      if (line == null) {
        throw new InvalidEventException(identity.missingReason(headers));
      }
      return line;
    }

    @Override
    public void checkColumn(byte[] qualifier) throws InvalidEventException {
      if (ExactlyOnceCells.reserved(qualifier)) {
        throw new InvalidEventException(
            "counter column '"
                + new String(qualifier, StandardCharsets.UTF_8)
                + "' starts with "
                + ExactlyOnceCells.PREFIX
                + ", which exactly-once counting keeps its markers under: it would overwrite"
                + " them");
      }
    }
  }
}
