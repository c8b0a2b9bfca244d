package dev.flumekit.bench;

import dev.flumekit.kafka.sink.EventRecordMapper;
import dev.flumekit.kafka.sink.KafkaSinkConfig;
import dev.flumekit.kafka.sink.MappedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's per-event work before the producer: routing, key, partition, timestamp, headers and
 * value. Run with {@code benchmarks/jmh.sh EventRecordMapperBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventRecordMapperBenchmark {
  /**
   * plain: body only; routed: topic template, key, partition and timestamp headers, 2 headers
   * copied.
   */
  @Param({"plain", "routed", "flumeEventFormat"})
  public String shape;

  private EventRecordMapper mapper;
  private Event[] events;
  private int next;

  @Setup
  public void setUp() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", "127.0.0.1:9092");
    switch (shape) {
      case "routed" -> {
        config.put("kafka.topic", "logs-%{app}");
        config.put("topicAllowList", "logs-web,logs-api");
        config.put("timestampHeader", "timestamp");
        config.put("partitionIdHeader", "p");
        config.put("copyHeaders", "host,app");
      }
      case "flumeEventFormat" -> config.put("useFlumeEventFormat", "true");
      default -> config.put("kafka.topic", "logs");
    }
    mapper = new EventRecordMapper(KafkaSinkConfig.parse("bench", config));
    byte[][] lines = AccessLogLines.generate(4096, 7L);
    events = new Event[lines.length];
    for (int i = 0; i < lines.length; i++) {
      Map<String, String> headers = new HashMap<>();
      headers.put("app", i % 2 == 0 ? "web" : "api");
      headers.put("host", "host-" + (i % 16));
      headers.put("key", "user-" + (i % 1000));
      headers.put("timestamp", String.valueOf(1_763_700_000_000L + i));
      headers.put("p", String.valueOf(i % 3));
      events[i] = EventBuilder.withBody(lines[i], headers);
    }
  }

  @Benchmark
  public MappedEvent map() {
    next = (next + 1) & (events.length - 1);
    return mapper.map(events[next]);
  }
}
