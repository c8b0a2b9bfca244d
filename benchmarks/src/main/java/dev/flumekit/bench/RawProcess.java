package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A raw contender's program ({@link RawCollector} or {@link RawLoader}) in a JVM of its own, with
 * the agents' heap, collector and GC log, reading the run's {@code <name>.conf}; its progress comes
 * from the file it publishes ({@link RawProgress}).
 */
final class RawProcess implements PipelineProcess {
  /** The one component a raw program reports as, its counts by name. */
  static final String COMPONENT = "raw";

  private final String name;
  private final Process process;
  private final Path progressFile;
  private final Path gcLog;
  private final Path log;
  private Map<String, Long> counts = Map.of();

  private RawProcess(String name, Process process, Path progressFile, Path gcLog, Path log) {
    this.name = name;
    this.process = process;
    this.progressFile = progressFile;
    this.gcLog = gcLog;
    this.log = log;
  }

  static RawProcess start(Path confDir, String name, Path runDir) throws IOException {
    ContenderProcess.Launched l =
        ContenderProcess.launch(
            runDir,
            name,
            name.equals("collector") ? RawCollector.class : RawLoader.class,
            List.of(confDir.resolve(name + ".conf").toString()));
    return new RawProcess(name, l.process(), l.progress(), l.gcLog(), l.log());
  }

  /** Waits for the first progress the program publishes: it is connected and subscribed. */
  @Override
  public void awaitComponents(String... components) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!Files.exists(progressFile)) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the raw " + name + " did not start in 120 s");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void checkAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("the raw " + name + " stopped:\n" + Files.readString(log));
    }
  }

  @Override
  public void sample() throws IOException {
    counts = RawProgress.read(progressFile);
  }

  @Override
  public long counter(String component, String key) {
    return counts.getOrDefault(key, 0L);
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public double cpuSeconds() throws IOException {
    return AgentMeasurements.cpuSeconds(process.pid());
  }

  @Override
  public Usage usage(SteadyState steady) throws IOException {
    return Usage.of(steady, process.pid(), gcLog, 0);
  }

  @Override
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
