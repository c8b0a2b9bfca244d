package dev.flumekit.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One process of a pipeline run in its steady state: the CPU time (utime + stime of {@code
 * /proc/<pid>/stat}, children excluded) and the bytes allocated per line it passes on, over the
 * window from the sample where it had passed on 20% of its lines to the one where it had passed on
 * 80%, so that start-up, warm-up and the draining end are left out. On a shared machine these stay
 * comparable between runs when rates do not.
 *
 * <p>CPU is read at the window's two samples. So is the heap in use ({@link HeapUsed}, without
 * attaching); with the process's GC log ({@link AgentMeasurements#allocations}: the bytes allocated
 * up to each collection and the heap it left) the bytes allocated up to a sample are those up to
 * the last collection before it plus what the heap grew since.
 */
final class SteadyState {
  /**
   * A window's figures; NaN where the window was too short to measure.
   *
   * @param fromMillis the window's start, epoch ms (to select a profile's samples of it)
   * @param toMillis its end
   * @param stageMicros CPU µs per line by stage ({@link ThreadStages}); empty if not sampled
   */
  record PerLine(
      double cpuMicros,
      double allocatedBytes,
      long lines,
      long fromMillis,
      long toMillis,
      Map<String, Double> stageMicros) {
    static final PerLine NONE = new PerLine(Double.NaN, Double.NaN, 0, 0, 0, Map.of());

    /**
     * CPU µs per line less what the JIT compilers spent in the window: in runs of tens of seconds
     * C2 is still compiling the agents' code at the window's end (up to half of a loader's CPU per
     * click), which is warm-up, not the cost of a line; NaN without stages.
     */
    double cpuMicrosWithoutJit() {
      Double jit = stageMicros.get("JIT");
      return jit == null ? Double.NaN : cpuMicros - jit;
    }

    /** The CPU per line by stage, e.g. {@code source 5.1, sink 0.2, Kafka I/O 2.0, GC 0.9}. */
    String stages() {
      StringBuilder text = new StringBuilder();
      stageMicros.forEach(
          (stage, micros) -> {
            if (micros >= 0.05) {
              text.append(text.length() == 0 ? "" : ", ")
                  .append(String.format(Locale.ROOT, "%s %.1f", stage, micros));
            }
          });
      return text.length() == 0 ? "n/a" : text.toString();
    }

    @Override
    public String toString() {
      // n/a: no window, or the heap in use could not be read
      return String.format(
              Locale.ROOT,
              "%.1f µs (%.1f without JIT), %,.0f B",
              cpuMicros,
              cpuMicrosWithoutJit(),
              allocatedBytes)
          .replace("NaN", "n/a");
    }
  }

  private record Sample(
      long epochMillis,
      long count,
      double cpuSeconds,
      long heapUsedBytes,
      Map<String, Double> stageSeconds) {}

  private final long total;
  private Sample start;
  private Sample end;

  /**
   * @param total the lines the process passes on in the whole run
   */
  SteadyState(long total) {
    this.total = total;
  }

  /**
   * Records one sample: the lines passed on so far, the process's CPU seconds so far and its heap
   * in use now (-1: unknown).
   */
  void sample(long epochMillis, long count, double cpuSeconds, long heapUsedBytes) {
    sample(epochMillis, count, cpuSeconds, heapUsedBytes, Map.of());
  }

  /** One sample, with the process's CPU seconds by stage so far ({@link ThreadStages}). */
  void sample(
      long epochMillis,
      long count,
      double cpuSeconds,
      long heapUsedBytes,
      Map<String, Double> stageSeconds) {
    Sample s = new Sample(epochMillis, count, cpuSeconds, heapUsedBytes, stageSeconds);
    if (start == null && count >= total / 5) {
      start = s;
    }
    if (end == null && count >= total * 4 / 5) {
      end = s;
    }
  }

  /** The window's figures, allocation placed with the process's collections. */
  PerLine perLine(List<AgentMeasurements.Allocated> collections) {
    if (start == null || end == null || end.count() <= start.count()) {
      return PerLine.NONE;
    }
    long lines = end.count() - start.count();
    double cpu = (end.cpuSeconds() - start.cpuSeconds()) * 1e6 / lines;
    double allocated =
        start.heapUsedBytes() < 0 || end.heapUsedBytes() < 0
            ? Double.NaN
            : (double) (allocatedAt(end, collections) - allocatedAt(start, collections)) / lines;
    return new PerLine(
        cpu, allocated, lines, start.epochMillis(), end.epochMillis(), stageMicros(lines, cpu));
  }

  /**
   * CPU µs per line by stage over the window; what threads that ended took is {@code ended} (the
   * process's CPU per line less the stages' sum).
   */
  private Map<String, Double> stageMicros(long lines, double cpuMicros) {
    Map<String, Double> micros = new LinkedHashMap<>();
    if (start.stageSeconds().isEmpty() || end.stageSeconds().isEmpty()) {
      return micros;
    }
    double sum = 0;
    for (String stage : ThreadStages.names()) {
      if (end.stageSeconds().containsKey(stage)) {
        double perLine =
            (end.stageSeconds().get(stage) - start.stageSeconds().getOrDefault(stage, 0.0))
                * 1e6
                / lines;
        micros.put(stage, perLine);
        sum += perLine;
      }
    }
    micros.put("ended", Math.max(0, cpuMicros - sum));
    return micros;
  }

  /** The bytes the process allocated from its start to a sample. */
  private static long allocatedAt(Sample s, List<AgentMeasurements.Allocated> collections) {
    long before = 0;
    long left = 0;
    for (AgentMeasurements.Allocated c : collections) {
      if (c.epochMillis() > s.epochMillis()) {
        break;
      }
      before = c.bytes();
      left = c.afterBytes();
    }
    return before + Math.max(0, s.heapUsedBytes() - left);
  }
}
