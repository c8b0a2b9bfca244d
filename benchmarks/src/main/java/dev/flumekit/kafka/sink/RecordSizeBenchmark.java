package dev.flumekit.kafka.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measuring a record before it is sent (the check against its topic's max.message.bytes that every
 * record of a batch passes), on a record as the shipped collector sends a course click: a key, a
 * line of 189 bytes and the six headers it copies plus the event time. In this package: {@code
 * RecordSize} is package-private.
 *
 * <pre>benchmarks/jmh.sh RecordSizeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordSizeBenchmark {
  private final ProducerRecord<byte[], byte[]> record =
      new ProducerRecord<>(
          "course-clicks",
          null,
          1_796_000_000_000L,
          bytes("10.0.12.34"),
          new byte[189],
          List.<Header>of(
              new RecordHeader("client", bytes("10.0.12.34")),
              new RecordHeader("status", bytes("200")),
              new RecordHeader("path", bytes("/class/130.html")),
              new RecordHeader("course", bytes("130")),
              new RecordHeader("host", bytes("web-01.example.org")),
              new RecordHeader("lineId", bytes("1a2b3c4d5e6f7081:1234567")),
              new RecordHeader("timestamp", bytes("1796000000000"))));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public int inOwnBatch() {
    return RecordSize.inOwnBatch(record);
  }
}
