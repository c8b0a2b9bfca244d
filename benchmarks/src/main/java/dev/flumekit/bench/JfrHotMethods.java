package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an agent's CPU and allocation go, from a JFR recording of it: the ten methods most often on
 * top of the stack in {@code jdk.ExecutionSample} events, and the ten whose allocations weigh most
 * in {@code jdk.ObjectAllocationSample} events, within a time window (the agent's steady state, as
 * {@code benchmarks/pipeline.sh} prints it), as markdown tables. Record an agent with {@code
 * -Dpipeline.agentOptions=-XX:StartFlightRecording=filename=DIR/{name}.jfr,settings=profile,dumponexit=true}.
 * Usage: {@code JfrHotMethods <recording.jfr> [from epoch ms] [to epoch ms]}.
 */
public final class JfrHotMethods {
  private static final int TOP = 10;

  private JfrHotMethods() {}

  public static void main(String[] args) throws IOException {
    Path recording = Path.of(args[0]);
    Instant from = args.length > 1 ? Instant.ofEpochMilli(Long.parseLong(args[1])) : Instant.MIN;
    Instant to = args.length > 2 ? Instant.ofEpochMilli(Long.parseLong(args[2])) : Instant.MAX;
    Map<String, Long> samples = new HashMap<>();
    Map<String, Long> allocated = new HashMap<>();
    long sampleCount = 0;
    long allocatedBytes = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
        continue;
      }
      String type = e.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        samples.merge(topMethod(e.getStackTrace()), 1L, Long::sum);
        sampleCount++;
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = e.getLong("weight");
        allocated.merge(topMethod(e.getStackTrace()), weight, Long::sum);
        allocatedBytes += weight;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| Method (top frame ← first caller outside the JDK) | CPU samples | share of %,d |%n|---|---|---|%n",
        sampleCount);
    print(samples, sampleCount, false);
    System.out.printf(
        Locale.ROOT,
        "%n| Method (top frame ← first caller outside the JDK) | allocated (sampled weight) | share of %,d MiB |%n|---|---|---|%n",
        allocatedBytes >> 20);
    print(allocated, allocatedBytes, true);
  }

  private static void print(Map<String, Long> byMethod, long total, boolean bytes) {
    List<Map.Entry<String, Long>> top =
        byMethod.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(TOP)
            .toList();
    for (Map.Entry<String, Long> m : top) {
      System.out.printf(
          Locale.ROOT,
          "| `%s` | %s | %.1f%% |%n",
          m.getKey(),
          bytes
              ? String.format(Locale.ROOT, "%,d MiB", m.getValue() >> 20)
              : String.format(Locale.ROOT, "%,d", m.getValue()),
          100.0 * m.getValue() / Math.max(1, total));
    }
  }

  /**
   * The method on top of the stack; for a JDK method, with the first caller outside the JDK, which
   * says whose work it is.
   */
  private static String topMethod(RecordedStackTrace stack) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return "(no stack)";
    }
    List<RecordedFrame> frames = stack.getFrames();
    String top = name(frames.get(0).getMethod());
    if (!jdk(top)) {
      return top;
    }
    for (RecordedFrame frame : frames) {
      String caller = name(frame.getMethod());
      if (!jdk(caller)) {
        return top + "` ← `" + caller;
      }
    }
    return top;
  }

  private static String name(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }

  private static boolean jdk(String method) {
    return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.");
  }
}
