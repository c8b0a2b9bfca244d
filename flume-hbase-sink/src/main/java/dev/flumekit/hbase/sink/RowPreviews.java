package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.event.EventBuilder;

/**
 * What {@link dev.flumekit.common.tooling.RecordPreview} answers for the HBase sink: the rows and
 * counters its serializers make of an event, planned by the same {@link MutationBatch} the sink
 * writes from, without HBase. I/O-free.
 */
final class RowPreviews {
  private RowPreviews() {}

  static Map<String, String> of(HBaseSinkConfig config, Map<String, String> headers, byte[] body) {
    CounterLines lines = config.counterLines();
    MutationBatch batch =
        MutationBatch.of(
            List.of(EventBuilder.withBody(body, headers)), config.serializers(), lines);
    Map<String, String> preview = new LinkedHashMap<>();
    preview.put("table", config.get(HBaseSinkConfig.TABLE));
    if (!batch.unmappable().isEmpty()) {
      preview.put("deadLetter", batch.unmappable().get(0).reason());
      preview.put("deadLetterTo", String.valueOf(config.get(HBaseSinkConfig.DEAD_LETTER)));
      return preview;
    }
    String family = config.get(HBaseSinkConfig.COLUMN_FAMILY);
    for (MutationBatch.RowPut put : batch.puts()) {
      preview.put("row", text(put.row()));
      List<String> columns = new ArrayList<>();
      for (MutationBatch.Cell cell : put.cells()) {
        columns.add(family + ":" + text(cell.qualifier()));
      }
      preview.put("columns", String.join(",", columns));
    }
    String counterFamily = config.get(HBaseSinkConfig.COUNTER_COLUMN_FAMILY);
    for (MutationBatch.RowIncrement increment : batch.increments()) {
      preview.put("counterRow", text(increment.row()));
      List<String> counters = new ArrayList<>();
      for (Map.Entry<ByteBuffer, Long> amount : increment.amounts().entrySet()) {
        counters.add(counterFamily + ":" + text(amount.getKey()) + " +" + amount.getValue());
      }
      preview.put("counter", String.join(",", counters));
    }
    if (lines instanceof CounterLines.Identified exactlyOnce && !batch.increments().isEmpty()) {
      // the sequence and position the counter row remembers as counted
      LineIdentity.Line line = exactlyOnce.identity().of(headers);
      preview.put("countedOnceAs", line.sequence() + ":" + line.position());
    }
    String time = headers.get("timestamp");
    if (time != null) {
      ZoneId zone = config.get(HBaseSinkConfig.TIMEZONE);
      try {
        preview.put(
            "day",
            Instant.ofEpochMilli(Long.parseLong(time.trim())).atZone(zone).toLocalDate()
                + " "
                + zone);
      } catch (NumberFormatException e) {
        // a template needing the time refused the event above; one that does not has no day
      }
    }
    return preview;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String text(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return text(bytes);
  }
}
