package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.CellCollector;
import dev.flumekit.hbase.HBaseEventSerializer;
import org.apache.flume.Event;

/** One increment per event, of the counter at a templated row and column. */
final class CountersSerializer implements HBaseEventSerializer {
  private final KeyTemplate row;
  private final KeyTemplate column;
  private final String amountHeader;

  /**
   * @param amountHeader the header holding each event's amount, or null for 1
   */
  CountersSerializer(KeyTemplate row, KeyTemplate column, String amountHeader) {
    this.row = row;
    this.column = column;
    this.amountHeader = amountHeader;
  }

  @Override
  public void serialize(Event event, CellCollector cells) throws InvalidEventException {
    KeyTemplate.Event view = new KeyTemplate.Event(event.getHeaders(), event.getBody());
    long amount = 1;
    if (amountHeader != null) {
      String value = event.getHeaders().get(amountHeader);
      if (value == null) {
        throw new InvalidEventException("header " + amountHeader + " (the amount) is absent");
      }
      try {
        amount = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new InvalidEventException(
            "header " + amountHeader + " = '" + value + "' is not an integer amount");
      }
    }
    cells.increment(row.render(view), column.render(view), amount);
  }
}
