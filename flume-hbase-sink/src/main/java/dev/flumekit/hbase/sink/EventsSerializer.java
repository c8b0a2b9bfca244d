package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.CellCollector;
import dev.flumekit.hbase.HBaseEventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;

/** One row per event: the body and selected headers as cells, keyed by a template. */
final class EventsSerializer implements HBaseEventSerializer {
  private static final KeyTemplate KAFKA_KEY =
      KeyTemplate.compile("%{topic}/%{partition}/%{offset:20}", java.time.ZoneOffset.UTC);
  private static final KeyTemplate TIME_KEY =
      KeyTemplate.compile("%{time:yyyyMMddHHmmssSSS}/%{hash}", java.time.ZoneOffset.UTC);
  private static final KeyTemplate HASH_KEY =
      KeyTemplate.compile("%{hash}", java.time.ZoneOffset.UTC);

  private final KeyTemplate rowKey;
  private final byte[] bodyColumn;
  private final boolean allHeaders;
  private final List<String> headerColumns;
  private final boolean eventTimeCells;

  /**
   * @param rowKey the row key, or null for the automatic key
   * @param bodyColumn the body's column, or null
   * @param headerColumns null for all headers, else those listed
   */
  EventsSerializer(
      KeyTemplate rowKey, String bodyColumn, List<String> headerColumns, boolean eventTimeCells) {
    this.rowKey = rowKey;
    this.bodyColumn = bodyColumn == null ? null : bodyColumn.getBytes(StandardCharsets.UTF_8);
    this.allHeaders = headerColumns == null;
    this.headerColumns = headerColumns == null ? List.of() : List.copyOf(headerColumns);
    this.eventTimeCells = eventTimeCells;
  }

  @Override
  public void serialize(Event event, CellCollector cells) throws InvalidEventException {
    Map<String, String> headers = event.getHeaders();
    KeyTemplate.Event view = new KeyTemplate.Event(headers, event.getBody());
    byte[] row = key(view, headers);
    long time = -1;
    if (eventTimeCells && headers.get("timestamp") != null) {
      time = KeyTemplate.eventTime(view);
    }
    if (bodyColumn != null) {
      cells.put(row, bodyColumn, event.getBody(), time);
    }
    if (allHeaders) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        // a header without a value (or name), as other components may leave one, has no cell
        if (h.getKey() != null && h.getValue() != null) {
          cells.put(row, bytes(h.getKey()), bytes(h.getValue()), time);
        }
      }
    } else {
      for (String name : headerColumns) {
        String value = headers.get(name);
        if (value != null) {
          cells.put(row, bytes(name), bytes(value), time);
        }
      }
    }
  }

  private byte[] key(KeyTemplate.Event view, Map<String, String> headers)
      throws InvalidEventException {
    if (rowKey != null) {
      return rowKey.render(view);
    }
    if (headers.get("topic") != null
        && headers.get("partition") != null
        && headers.get("offset") != null) {
      return KAFKA_KEY.render(view);
    }
    return headers.get("timestamp") != null ? TIME_KEY.render(view) : HASH_KEY.render(view);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
