package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A pipeline process's resource use: in its steady state, and at the end of a run. */
record Usage(
    SteadyState.PerLine steady,
    double cpuSeconds,
    long heapAfterGcMaxMiB,
    long heapBeforeGcMaxMiB,
    long rssPeakMiB,
    double channelFillMax) {

  /** Read from the process's {@code /proc} and its GC log at the end of a run. */
  static Usage of(SteadyState steady, long pid, Path gcLog, double channelFillMax)
      throws IOException {
    AgentMeasurements.GcPeaks gc = AgentMeasurements.gcPeaks(gcLog);
    return new Usage(
        steady.perLine(AgentMeasurements.allocations(gcLog)),
        AgentMeasurements.cpuSeconds(pid),
        gc.afterMiB(),
        gc.beforeMiB(),
        AgentMeasurements.rssPeakMiB(pid),
        channelFillMax);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%.1f s, %d MiB (peak %d), %d MiB; channel fill max %.0f%%",
        cpuSeconds,
        heapAfterGcMaxMiB,
        heapBeforeGcMaxMiB,
        rssPeakMiB,
        channelFillMax);
  }
}
