package dev.flumekit.hbase.sink;

import dev.flumekit.hbase.HBaseEventSerializer;
import dev.flumekit.kafka.client.RecordEventMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shipped loader's per-click work between the consumer and the HBase client, one batch of 5,000
 * course clicks as one poll hands them over (three partitions, each a run of records): each record
 * mapped to an event as the Kafka channel's take does, the batch's rows and counter cells built by
 * the sink's serializers with exactly-once line identities (the settings of {@code
 * conf/loader.conf}), and each counter row's write planned against a row never written. The records
 * carry the headers the shipped collector copies. In this package: the sink's classes are
 * package-private.
 *
 * <pre>benchmarks/jmh.sh LoaderPathBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class LoaderPathBenchmark {
  private static final int CLICKS = 5000;
  private static final int PARTITIONS = 3;
  private static final String TOPIC = "course-clicks";

  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
  private RecordEventMapper mapper;
  private List<HBaseEventSerializer> serializers;
  private CounterLines lines;

  @Setup
  public void batch() {
    HBaseSinkConfig config =
        HBaseSinkConfig.parse(
            "hbase",
            Map.of(
                "table", "access_logs",
                "columnFamily", "d",
                "counterColumnFamily", "c",
                "batchSize", "5000",
                "serializer", "events,counters",
                "headerColumns", "none",
                "timezone", "Asia/Shanghai",
                "counterRow", "%{time:yyyyMMdd}_%{course}",
                "counterColumn", "clicks",
                "counterGuarantee", "exactly-once"));
    serializers = config.serializers();
    lines = config.counterLines();
    mapper = new RecordEventMapper(false, "topic");
    Random random = new Random(28);
    long day =
        LocalDate.of(2026, 12, 6).atStartOfDay(ZoneId.of("Asia/Shanghai")).toEpochSecond() * 1000;
    long offset = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < CLICKS / PARTITIONS + (p < CLICKS % PARTITIONS ? 1 : 0); i++) {
        String client = "10.0." + random.nextInt(256) + "." + random.nextInt(256);
        String course = "course-" + random.nextInt(60);
        long time = day + random.nextInt(86_400) * 1000L;
        RecordHeaders headers = new RecordHeaders();
        headers.add("client", bytes(client));
        headers.add("status", bytes("200"));
        headers.add("path", bytes("/class/" + course + ".html"));
        headers.add("course", bytes(course));
        headers.add("host", bytes("web-01.example.org"));
        headers.add("lineId", bytes("1a2b3c4d5e6f7081:" + (1_000_000L + i * 190L)));
        byte[] line = bytes(client + " - - [06/Dec/2026:10:00:00 +0800] \"GET /class/" + course);
        records.add(
            new ConsumerRecord<>(
                TOPIC,
                p,
                offset++,
                time,
                TimestampType.CREATE_TIME,
                -1,
                line.length,
                bytes(client),
                line,
                headers,
                Optional.empty()));
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Object loaderBatch() {
    List<Event> events = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      events.add(mapper.map(record).event());
    }
    MutationBatch batch = MutationBatch.of(events, serializers, lines);
    Object last = batch.puts();
    for (MutationBatch.CounterRow row : batch.counterRows()) {
      last = CounterRowPlan.of(row.row(), row.contributions(), CounterRowPlan.Applied.none());
    }
    return last;
  }
}
