package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A contender of an in-JVM benchmark (the HBase ones, whose cluster runs in the benchmark's JVM)
 * run in a JVM of its own, so that its CPU and allocation per event are its own: not the cluster's,
 * not the polling's. The contender's program warms up, says so ({@link Child#warmedUp}) and waits
 * for the go; the benchmark then samples its progress and its {@link ProcessWindow} every 20 ms
 * until it is done. Progress and results travel in a {@link RawProgress} file.
 */
final class ContenderProcess {
  /** The count of events the contender has passed on so far. */
  static final String PASSED = "events";

  private static final String WARMED = "warmed";
  private static final String DONE = "done";

  /** What the contender published last, and its CPU and allocation per event. */
  record Outcome(Map<String, Long> results, SteadyState.PerLine perEvent) {}

  private final String name;
  private final Process process;
  private final Path progress;
  private final Path log;
  private final ProcessWindow window;

  private ContenderProcess(
      String name, Process process, Path progress, Path gcLog, Path log, long events) {
    this.name = name;
    this.process = process;
    this.progress = progress;
    this.log = log;
    this.window = new ProcessWindow(process.pid(), gcLog, events);
  }

  /** A contender's JVM as started, and the files it writes. */
  record Launched(Process process, Path progress, Path gcLog, Path log) {}

  /**
   * Starts {@code main} with the agents' heap and collector and a GC log: {@code main <progress
   * file> args...}; its output goes to {@code <dir>/logs/<name>.log}.
   */
  static Launched launch(Path dir, String name, Class<?> main, List<String> args)
      throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path gcLog = logs.resolve(name + "-gc.log");
    Path log = logs.resolve(name + ".log");
    Path progress = dir.resolve(name + ".progress");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", AgentMeasurements.gcLogOption(gcLog)));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.add(progress.toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Launched(process, progress, gcLog, log);
  }

  /**
   * Starts a contender ({@link #launch}) that warms up and then waits for the go.
   *
   * @param events what the measured pass passes on
   */
  static ContenderProcess start(
      Path dir, String name, long events, Class<?> main, List<String> args) throws IOException {
    Launched l = launch(dir, name, main, args);
    return new ContenderProcess(name, l.process(), l.progress(), l.gcLog(), l.log(), events);
  }

  /** Waits until the contender has warmed up and waits for the go. */
  void awaitWarmedUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!RawProgress.read(progress).containsKey(WARMED)) {
      check(deadline);
      Thread.sleep(50);
    }
  }

  /** Gives the go, samples until the contender is done, and stops it. */
  Outcome measure() throws Exception {
    Files.createFile(go(progress));
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    try {
      while (true) {
        Map<String, Long> counts = RawProgress.read(progress);
        window.sample(counts.getOrDefault(PASSED, 0L));
        if (counts.containsKey(DONE)) {
          return new Outcome(counts, window.perLine());
        }
        check(deadline);
        Thread.sleep(20);
      }
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void check(long deadline) throws IOException {
    if (!process.isAlive() && !RawProgress.read(progress).containsKey(DONE)) {
      throw new IllegalStateException("contender " + name + " stopped:\n" + Files.readString(log));
    }
    if (System.nanoTime() > deadline) {
      process.destroyForcibly();
      throw new IllegalStateException("contender " + name + " took over 10 minutes; see " + log);
    }
  }

  private static Path go(Path progress) {
    return progress.resolveSibling(progress.getFileName() + ".go");
  }

  /** The contender's side: what its program calls. */
  static final class Child {
    private final Path file;
    private final RawProgress progress;
    private long passed;

    Child(Path file) {
      this.file = file;
      this.progress = new RawProgress(file);
    }

    /** Says the contender has warmed up, then waits for the benchmark's go. */
    void warmedUp() throws IOException, InterruptedException {
      progress.add(WARMED, 1);
      progress.publish();
      while (!Files.exists(go(file))) {
        Thread.sleep(10);
      }
    }

    /** The events passed on so far in the measured pass. */
    void passed(long count) throws IOException {
      progress.add(PASSED, count - passed);
      passed = count;
      progress.publish();
    }

    /** The contender's results, and that it is done. */
    void done(Map<String, Long> results) throws IOException {
      results.forEach(progress::add);
      progress.add(DONE, 1);
      progress.publish();
    }
  }
}
