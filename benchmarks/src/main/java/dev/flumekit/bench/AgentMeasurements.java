package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent benchmarks read about an agent JVM (CPU time and peak resident memory from {@code
 * /proc}, heap peaks from its GC log), how they summarise rounds, and the machine line of a report.
 */
final class AgentMeasurements {
  private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private static final Pattern TIME_MILLIS = Pattern.compile("\\[(\\d+)ms\\]");

  /** The largest heap before and after a collection, in MiB. */
  record GcPeaks(long beforeMiB, long afterMiB) {}

  /**
   * A collection: when it ended (epoch ms), the bytes allocated from the JVM's start to it, and the
   * heap it left used.
   */
  record Allocated(long epochMillis, long bytes, long afterBytes) {}

  /**
   * The GC log option of a JVM whose allocation is measured: every line stamped with the epoch
   * milliseconds ({@code timemillis}), which {@link #allocations} reads.
   */
  static String gcLogOption(Path gcLog) {
    return "-Xlog:gc:file=" + gcLog + ":timemillis,uptime,level,tags";
  }

  private AgentMeasurements() {}

  /** From a {@code -Xlog:gc:file=...} log. */
  static GcPeaks gcPeaks(Path gcLog) throws IOException {
    long before = 0;
    long after = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_PAUSE.matcher(line);
      if (line.contains("Pause") && m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
      }
    }
    return new GcPeaks(before, after);
  }

  /**
   * The bytes allocated up to each collection of a {@link #gcLogOption} log: each pause adds the
   * heap before it minus the heap after the previous one (all that was allocated in between, young
   * or humongous), to 1 MiB. Between two collections the heap only grows by allocation.
   */
  static List<Allocated> allocations(Path gcLog) throws IOException {
    List<Allocated> points = new ArrayList<>();
    if (!Files.exists(gcLog)) {
      return points;
    }
    long total = 0;
    long previousAfter = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_PAUSE.matcher(line);
      Matcher t = TIME_MILLIS.matcher(line);
      if (line.contains("Pause") && m.find() && t.find()) {
        long before = Long.parseLong(m.group(1));
        total += Math.max(0, before - previousAfter) << 20;
        previousAfter = Long.parseLong(m.group(2));
        points.add(new Allocated(Long.parseLong(t.group(1)), total, previousAfter << 20));
      }
    }
    return points;
  }

  /** The heap after the latest collection in a GC log, in MiB (0 before the first). */
  static long latestHeapAfterGcMiB(Path gcLog) throws IOException {
    long after = 0;
    if (!Files.exists(gcLog)) {
      return after; // a JVM just started has not opened it yet
    }
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_PAUSE.matcher(line);
      if (line.contains("Pause") && m.find()) {
        after = Long.parseLong(m.group(2));
      }
    }
    return after;
  }

  /** CPU time of a process so far: utime and stime of /proc/<pid>/stat, 100 ticks a second. */
  static double cpuSeconds(long pid) throws IOException {
    String[] stat =
        Files.readString(Path.of("/proc", Long.toString(pid), "stat"))
            .replaceFirst("^.*\\) ", "")
            .split(" ");
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat
    return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
  }

  /** Peak resident memory of a process ({@code VmHWM}), in MiB. */
  static long rssPeakMiB(long pid) throws IOException {
    long kib = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return kib >> 10;
  }

  /** The median; NaN for none. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The machine line every benchmark report ends with: cores, OS, architecture, JVM. */
  static String machine() {
    return String.format(
        "Machine: %d cores, %s %s, %s %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
  }
}
