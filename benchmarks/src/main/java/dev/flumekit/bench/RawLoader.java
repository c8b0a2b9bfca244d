package dev.flumekit.bench;

import dev.flumekit.hbase.sink.ExactlyOnceCounting;
import dev.flumekit.kafka.client.ConsumerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw contender's loader: the shipped loader's work in one plain Java process, no Flume, its
 * settings read from the same {@code loader.conf}. It consumes the clicks topic read_committed with
 * the channel's consumer settings, takes batches of {@code batchSize} (the first poll waits, later
 * ones take what has arrived), writes each click's row as the sink does (row {@code
 * <topic>/<partition>/<offset, 20 digits>}, the line in {@code <columnFamily>:body}, the line's
 * time as the cell's), counts each line once in the counter of its course and day ({@code
 * counterRow = %{time:yyyyMMdd}_%{course}} in the sink's timezone) with the sink's exactly-once
 * planning and cells ({@link ExactlyOnceCounting}), and commits the batch's offsets only after
 * HBase accepted both. With {@code counterGuarantee = at-least-once} it counts as the sink does
 * then: one increment per counter row per batch, the batch's clicks summed, sent with the rows.
 *
 * <p>As the sink, it writes a batch's counters on a thread of their own while its rows are written.
 * Not done (the agent does): retries, dead letters, metrics, a configuration check. Usage: {@code
 * RawLoader <progress file> <loader.conf>}.
 */
public final class RawLoader {
  private static final String CHANNEL = "loader.channels.clicks.";
  private static final String SINK = "loader.sinks.hbase.";

  /** The counter row the shipped loader names, which this loader renders without templates. */
  private static final String COUNTER_ROW = "%{time:yyyyMMdd}_%{course}";

  private RawLoader() {}

  public static void main(String[] args) throws Exception {
    RawProgress progress = new RawProgress(Path.of(args[0]));
    AgentProperties conf = AgentProperties.load(Path.of(args[1]));
    if (!conf.get(SINK + "counterRow").equals(COUNTER_ROW)) {
      throw new IllegalArgumentException(
          SINK + "counterRow = '" + conf.get(SINK + "counterRow") + "': expected " + COUNTER_ROW);
    }
    String topic = conf.get(CHANNEL + "kafka.topic");
    int batchSize = Integer.parseInt(conf.get(SINK + "batchSize"));
    byte[] family = conf.get(SINK + "columnFamily").getBytes(StandardCharsets.UTF_8);
    byte[] body = "body".getBytes(StandardCharsets.UTF_8);
    Days day = new Days(ZoneId.of(conf.get(SINK + "timezone")));
    boolean exactlyOnce = conf.get(SINK + "counterGuarantee").equals("exactly-once");
    byte[] counterFamily = conf.get(SINK + "counterColumnFamily").getBytes(StandardCharsets.UTF_8);
    byte[] counterColumn = conf.get(SINK + "counterColumn").getBytes(StandardCharsets.UTF_8);
    Map<String, Object> consumer =
        ConsumerSettings.properties(
            List.of(conf.get(CHANNEL + "kafka.bootstrap.servers").split(",")),
            conf.get(CHANNEL + "kafka.consumer.group.id"),
            null,
            1000,
            "raw-loader",
            Map.of());
    Configuration hbase = HBaseConfiguration.create();
    hbase.set("hbase.zookeeper.quorum", conf.get(SINK + "zookeeperQuorum"));
    try (KafkaConsumer<byte[], byte[]> kafka =
            new KafkaConsumer<>(
                consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Connection connection = ConnectionFactory.createConnection(hbase);
        Table table = connection.getTable(TableName.valueOf(conf.get(SINK + "table")));
        Table counterTable = connection.getTable(TableName.valueOf(conf.get(SINK + "table")))) {
      ExecutorService counting = Executors.newSingleThreadExecutor();
      ExactlyOnceCounting counters =
          new ExactlyOnceCounting(
              counterTable, counterFamily, counterColumn, Duration.ofDays(7).toMillis());
      kafka.subscribe(List.of(topic));
      progress.publish();
      List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(batchSize);
      while (true) {
        batch.clear();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        ConsumerRecords<byte[], byte[]> polled = kafka.poll(Duration.ofMillis(100));
        while (!polled.isEmpty()) {
          for (ConsumerRecord<byte[], byte[]> r : polled) {
            batch.add(r);
            next.put(
                new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.offset() + 1));
          }
          if (batch.size() >= batchSize) {
            break;
          }
          polled = kafka.poll(Duration.ZERO);
        }
        if (batch.isEmpty()) {
          continue;
        }
        List<Put> puts = new ArrayList<>(batch.size());
        List<ExactlyOnceCounting.Click> clicks = new ArrayList<>(batch.size());
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          String time = header(r, "timestamp");
          long millis = time != null ? Long.parseLong(time) : r.timestamp();
          String row = r.topic() + '/' + r.partition() + '/' + twentyDigits(r.offset());
          puts.add(
              new Put(row.getBytes(StandardCharsets.UTF_8))
                  .addColumn(family, body, millis, r.value()));
          String course = header(r, "course");
          String lineId = header(r, "lineId");
          int colon = lineId.lastIndexOf(':');
          clicks.add(
              new ExactlyOnceCounting.Click(
                  (day.of(millis) + '_' + course).getBytes(StandardCharsets.UTF_8),
                  lineId.substring(0, colon) + '@' + r.topic() + '-' + r.partition(),
                  Long.parseLong(lineId.substring(colon + 1))));
        }
        if (exactlyOnce) {
          // the counters on their own thread while the rows are written, as the sink does
          Future<Integer> counted = counting.submit(() -> counters.count(clicks));
          table.put(puts);
          counted.get();
        } else {
          List<Row> actions = withIncrements(puts, clicks, counterFamily, counterColumn);
          table.batch(actions, new Object[actions.size()]);
        }
        kafka.commitSync(next);
        progress.add("taken", batch.size());
        progress.add("written", batch.size());
        progress.publish();
      }
    }
  }

  /** The rows and one increment per counter row, the batch's clicks of that row summed. */
  private static List<Row> withIncrements(
      List<Put> puts, List<ExactlyOnceCounting.Click> clicks, byte[] family, byte[] column) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    for (ExactlyOnceCounting.Click c : clicks) {
      amounts.merge(new String(c.row(), StandardCharsets.UTF_8), 1L, Long::sum);
    }
    List<Row> actions = new ArrayList<>(puts);
    amounts.forEach(
        (row, amount) ->
            actions.add(
                new Increment(row.getBytes(StandardCharsets.UTF_8))
                    .addColumn(family, column, amount)));
    return actions;
  }

  /** An offset left-padded with zeros to 20 digits, as the sink's {@code %{offset:20}}. */
  private static String twentyDigits(long offset) {
    String digits = Long.toString(offset);
    return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
  }

  /**
   * {@code yyyyMMdd} of a time in a zone, the last day's bounds remembered (lines come in order).
   */
  private static final class Days {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private final ZoneId zone;
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;
    private String day;

    Days(ZoneId zone) {
      this.zone = zone;
    }

    String of(long millis) {
      if (millis < from || millis >= to) {
        LocalDate date = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
        from = date.atStartOfDay(zone).toInstant().toEpochMilli();
        to = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        day = date.format(FORMAT);
      }
      return day;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
