package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The steady-state window of one process of a benchmark, read from outside it: each {@link #sample}
 * takes the count the process has passed on so far (events, lines, records: whatever the benchmark
 * counts for it) with the process's CPU seconds from {@code /proc} and its heap in use from its
 * performance counters; {@link #perLine} places allocation with the process's GC log. The process
 * must run with {@link AgentMeasurements#gcLogOption} on {@code gcLog}. The sampling and the window
 * are {@link SteadyState}'s; this adds where the figures are read.
 */
final class ProcessWindow {
  private final long pid;
  private final Path gcLog;
  private final SteadyState steady;

  /**
   * @param total what the process passes on in the whole run
   */
  ProcessWindow(long pid, Path gcLog, long total) {
    this.pid = pid;
    this.gcLog = gcLog;
    this.steady = new SteadyState(total);
  }

  /** One sample at {@code count} passed on; a process that has ended is not sampled. */
  void sample(long count) {
    try {
      steady.sample(
          System.currentTimeMillis(),
          count,
          AgentMeasurements.cpuSeconds(pid),
          HeapUsed.bytes(pid),
          ThreadStages.cpuSeconds(pid));
    } catch (IOException e) {
      // the process has gone: its last sample stands
    }
  }

  /** CPU µs and bytes allocated per unit passed on between 20% and 80% of the total. */
  SteadyState.PerLine perLine() throws IOException {
    return steady.perLine(AgentMeasurements.allocations(gcLog));
  }
}
