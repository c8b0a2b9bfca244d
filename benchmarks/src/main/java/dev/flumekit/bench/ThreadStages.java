package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's CPU by stage, read from outside it: each thread's utime + stime from {@code
 * /proc/<pid>/task/<tid>/stat}, summed by what the thread's name says it does. An agent's source
 * runs on Flume's source runner thread (with its interceptors and the channel's put), its sink on
 * the sink runner (with the channel's take), the Kafka clients' network I/O and the HBase client's
 * on threads of their own, and the JVM's collector and compilers on theirs. Linux keeps 15
 * characters of a thread's name, enough to tell these apart. A thread that ended between two
 * readings takes its CPU with it: the process's total minus the stages' sum is reported as {@code
 * ended}.
 */
final class ThreadStages {
  /** Stages in the order reports print them, each with the name prefixes of its threads. */
  private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("source", List.of("PollableSource", "SourceRunner"));
    STAGES.put("sink", List.of("SinkRunner"));
    STAGES.put("Kafka I/O", List.of("kafka-producer", "kafka-coordinat", "consumer_backgr"));
    STAGES.put("HBase I/O", List.of("RPCClient", "hconnection", "htable", "RpcClient"));
    // a program's main thread is named after the launcher: "java"
    STAGES.put("main", List.of("java", "main"));
    STAGES.put("GC", List.of("GC Thread", "G1 "));
    STAGES.put("JIT", List.of("C1 CompilerThre", "C2 CompilerThre"));
  }

  static final String OTHER = "other";

  private ThreadStages() {}

  /** Every stage, in the order reports print them. */
  static List<String> names() {
    List<String> names = new ArrayList<>(STAGES.keySet());
    names.add(OTHER);
    return names;
  }

  /** The stage a thread of this name belongs to; {@link #OTHER} for the rest. */
  static String of(String threadName) {
    for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
      for (String prefix : stage.getValue()) {
        if (threadName.startsWith(prefix)) {
          return stage.getKey();
        }
      }
    }
    return OTHER;
  }

  /** CPU seconds by stage of the live threads of process {@code pid}; empty if it has ended. */
  static Map<String, Double> cpuSeconds(long pid) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue; // the thread ended while the others were read
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat, 100 ticks a second
        double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        seconds.merge(of(stat.substring(open + 1, close)), cpu, Double::sum);
      }
    } catch (IOException ended) {
      return Map.of();
    }
    return seconds;
  }
}
