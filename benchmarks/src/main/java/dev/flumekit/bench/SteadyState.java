package dev.flumekit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One process of a pipeline run in its steady state: the CPU time (utime + stime of {@code
 * /proc/<pid>/stat}, children excluded) and the bytes allocated per line it passes on, over the
 * window from the sample where it had passed on 20% of its lines to the one where it had passed on
 * 80%, so that start-up, warm-up and the draining end are left out. On a shared machine these stay
 * comparable between runs when rates do not.
 *
 * <p>CPU is read at the window's two samples. Allocation comes from the process's GC log ({@link
 * AgentMeasurements#allocations}), known only at collections: it is taken between the first and the
 * last collection inside the window, over the lines passed on between those two moments
 * (interpolated between samples).
 */
final class SteadyState {
  /**
   * A window's figures; NaN where the window was too short to measure.
   *
   * @param fromMillis the window's start, epoch ms (to select a profile's samples of it)
   * @param toMillis its end
   */
  record PerLine(
      double cpuMicros, double allocatedBytes, long lines, long fromMillis, long toMillis) {
    static final PerLine NONE = new PerLine(Double.NaN, Double.NaN, 0, 0, 0);

    @Override
    public String toString() {
      // n/a: a window too short (allocation needs two collections inside it)
      return String.format(Locale.ROOT, "%.1f µs, %,.0f B", cpuMicros, allocatedBytes)
          .replace("NaN", "n/a");
    }
  }

  private record Sample(long epochMillis, long count, double cpuSeconds) {}

  private final long total;
  private final List<Sample> samples = new ArrayList<>();
  private Sample start;
  private Sample end;

  /**
   * @param total the lines the process passes on in the whole run
   */
  SteadyState(long total) {
    this.total = total;
  }

  /** Records one sample: the lines passed on so far and the process's CPU seconds so far. */
  void sample(long epochMillis, long count, double cpuSeconds) {
    Sample s = new Sample(epochMillis, count, cpuSeconds);
    samples.add(s);
    if (start == null && count >= total / 5) {
      start = s;
    }
    if (end == null && count >= total * 4 / 5) {
      end = s;
    }
  }

  /** The window's figures, allocation from the process's collections. */
  PerLine perLine(List<AgentMeasurements.Allocated> collections) {
    if (start == null || end == null || end.count() <= start.count()) {
      return PerLine.NONE;
    }
    long lines = end.count() - start.count();
    double cpu = (end.cpuSeconds() - start.cpuSeconds()) * 1e6 / lines;
    List<AgentMeasurements.Allocated> inside =
        collections.stream()
            .filter(
                c -> c.epochMillis() >= start.epochMillis() && c.epochMillis() <= end.epochMillis())
            .toList();
    double allocated = Double.NaN;
    if (inside.size() >= 2) {
      AgentMeasurements.Allocated first = inside.get(0);
      AgentMeasurements.Allocated last = inside.get(inside.size() - 1);
      double between = linesAt(last.epochMillis()) - linesAt(first.epochMillis());
      if (between > 0) {
        allocated = (last.bytes() - first.bytes()) / between;
      }
    }
    return new PerLine(cpu, allocated, lines, start.epochMillis(), end.epochMillis());
  }

  /** The lines passed on at a moment, interpolated between the samples around it. */
  private double linesAt(long epochMillis) {
    Sample before = samples.get(0);
    for (Sample s : samples) {
      if (s.epochMillis() >= epochMillis) {
        if (s.epochMillis() == before.epochMillis()) {
          return s.count();
        }
        double f =
            (double) (epochMillis - before.epochMillis())
                / (s.epochMillis() - before.epochMillis());
        return before.count() + f * (s.count() - before.count());
      }
      before = s;
    }
    return before.count();
  }
}
