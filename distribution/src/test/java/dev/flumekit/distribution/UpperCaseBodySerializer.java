package dev.flumekit.distribution;

import dev.flumekit.hbase.CellCollector;
import dev.flumekit.hbase.HBaseEventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.flume.Event;

/**
 * An operator's own serializer, as HBaseSinkAgentIT installs it: in a jar of its own plugin
 * directory, compiled against flumekit-hbase-api only. Row: the body; one cell: the body in upper
 * case, under the {@code serializer.qualifier} property.
 */
public final class UpperCaseBodySerializer implements HBaseEventSerializer {
  private final byte[] qualifier;

  public UpperCaseBodySerializer(Map<String, String> properties) {
    this.qualifier = properties.getOrDefault("qualifier", "body").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void serialize(Event event, CellCollector cells) {
    String body = new String(event.getBody(), StandardCharsets.UTF_8);
    cells.put(
        event.getBody(),
        qualifier,
        body.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
        -1);
  }
}
