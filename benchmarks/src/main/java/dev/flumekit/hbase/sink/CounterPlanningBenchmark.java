package dev.flumekit.hbase.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What planning a batch's exactly-once counter writes costs, by how many markers (line sequences
 * that counted into a row before) each row holds: a loader's batch of 5,000 clicks over 300 counter
 * rows (courses of a day), each row holding 10, 1,000 or 10,000 markers; per row the write is
 * planned and the row's state after it taken, as the sink does per batch. In this package: the
 * planner is package-private. The rows' states are made anew before each batch (not measured),
 * since taking the state after a write changes it in place.
 *
 * <pre>benchmarks/jmh.sh CounterPlanningBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CounterPlanningBenchmark {
  private static final int ROWS = 300;
  private static final int CLICKS = 5000;

  @Param({"10", "1000", "10000"})
  public int markers;

  private final CounterRowPlan.Applied[] states = new CounterRowPlan.Applied[ROWS];
  private final List<List<CounterRowPlan.Contribution>> rows = new ArrayList<>();
  private final byte[] clicks = "clicks".getBytes(StandardCharsets.UTF_8);

  @Setup(Level.Trial)
  public void batch() {
    for (int r = 0; r < ROWS; r++) {
      rows.add(new ArrayList<>());
    }
    for (int e = 0; e < CLICKS; e++) {
      String sequence = String.format("%016x@course-clicks-%d", 99_000L + e % 5, e % 6);
      rows.get(e % ROWS)
          .add(
              new CounterRowPlan.Contribution(
                  e, new LineIdentity.Line(sequence, 10_000L + e * 200L), clicks, 1));
    }
    if (!true) {
      rowStates();
    }
  }

  @Setup(Level.Invocation)
  public void rowStatesBeforeEachBatch() {
    if (true) {
      rowStates();
    }
  }

  private void rowStates() {
    for (int r = 0; r < ROWS; r++) {
      Map<String, CounterRowPlan.Marker> applied = new HashMap<>();
      for (int i = 0; i < markers; i++) {
        applied.put(
            String.format("%016x@course-clicks-%d", r * 100_000L + i, i % 6),
            new CounterRowPlan.Marker(1_000_000L + i, 0));
      }
      Map<ByteBuffer, Long> totals = new HashMap<>();
      totals.put(ByteBuffer.wrap(clicks), 123_456L);
      states[r] = new CounterRowPlan.Applied(42, applied, totals, Long.MAX_VALUE);
    }
  }

  @Benchmark
  public Object planBatch() {
    Object last = null;
    for (int r = 0; r < ROWS; r++) {
      byte[] row = ("20261206_" + r).getBytes(StandardCharsets.UTF_8);
      CounterRowPlan plan = CounterRowPlan.of(row, rows.get(r), states[r]);
      last = plan.after();
    }
    return last;
  }
}
