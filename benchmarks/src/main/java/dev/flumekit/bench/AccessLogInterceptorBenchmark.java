package dev.flumekit.bench;

import dev.flumekit.interceptor.AccessLogInterceptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.RegexExtractorInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batches of 100 combined-format access-log lines (as sources hand them over), single thread, over
 * a corpus of distinct realistic lines: flumekit's AccessLogInterceptor against Flume 1.11's
 * regex_extractor configured to extract the same eleven fields (time as epoch milliseconds), and
 * against creating the event alone (the cost both share). Run with {@code
 * benchmarks/interceptors.sh}, which prints MiB/s, events/s, bytes allocated per event and the
 * ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xms3g", "-Xmx3g", "-Duser.language=en", "-Duser.country=US"})
public class AccessLogInterceptorBenchmark {
  /** The regex a Flume user writes for the combined format, one group per field. */
  static final String COMBINED_REGEX =
      "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) ([^?\" ]+)(?:\\?(\\S*))? (\\S+)\" (\\d{3})"
          + " (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"";

  @Param({"flumekit", "regex_extractor", "event_only"})
  public String contender;

  @Param({"1000000"})
  public int corpusLines;

  private byte[][] lines;
  private Interceptor interceptor;
  private int next;

  @Setup
  public void setUp() {
    lines = AccessLogLines.generate(corpusLines, 42L);
    Interceptor.Builder builder;
    Map<String, String> config = new HashMap<>();
    switch (contender) {
      case "flumekit" -> builder = new AccessLogInterceptor.Builder();
      case "regex_extractor" -> {
        builder = new RegexExtractorInterceptor.Builder();
        config.put("regex", COMBINED_REGEX);
        String[] names = {
          "client",
          "user",
          "timestamp",
          "method",
          "path",
          "query",
          "protocol",
          "status",
          "bytes",
          "referer",
          "agent"
        };
        StringBuilder serializers = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
          String id = "s" + (i + 1);
          serializers.append(i == 0 ? "" : " ").append(id);
          config.put("serializers." + id + ".name", names[i]);
        }
        config.put("serializers", serializers.toString());
        config.put(
            "serializers.s3.type",
            "org.apache.flume.interceptor.RegexExtractorInterceptorMillisSerializer");
        config.put("serializers.s3.pattern", "dd/MMM/yyyy:HH:mm:ss Z");
      }
      default -> builder = null;
    }
    if (builder != null) {
      builder.configure(new Context(config));
      interceptor = builder.build();
      interceptor.initialize();
    }
  }

  @TearDown
  public void tearDown() {
    if (interceptor != null) {
      interceptor.close();
    }
  }

  /** Events per operation: sources hand interceptors batches, as here. */
  static final int BATCH = 100;

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Event> intercept() {
    List<Event> batch = new ArrayList<>(BATCH);
    for (int n = 0; n < BATCH; n++) {
      batch.add(EventBuilder.withBody(lines[next], new HashMap<>()));
      if (++next == lines.length) {
        next = 0;
      }
    }
    return interceptor == null ? batch : interceptor.intercept(batch);
  }

  /** Mean line length of the corpus in bytes, for MiB/s. */
  static double meanLineBytes(int count) {
    long total = 0;
    for (byte[] line : AccessLogLines.generate(count, 42L)) {
      total += line.length;
    }
    return (double) total / count;
  }
}
