package dev.flumekit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plain Java floor ({@link RawChannel}, {@link RawConsumer}) run and measured as the agents
 * beside it are: a JVM of its own with the agents' heap and collector, its rate between 10% and 90%
 * of the total from the count it publishes ({@link RawProgress}), its CPU and allocation per unit
 * between 20% and 80% ({@link ProcessWindow}).
 */
final class RawRun {
  private RawRun() {}

  /**
   * Runs {@code main} with the progress file and then {@code args}, until its {@code counter}
   * reached 90% of {@code total}; the process is then stopped.
   */
  static ContenderRounds.Run measure(
      String label,
      int round,
      Class<?> main,
      List<String> args,
      String counter,
      long total,
      Path work,
      String name)
      throws Exception {
    ContenderProcess.Launched launched = ContenderProcess.launch(work, name, main, args);
    Process process = launched.process();
    Path progress = launched.progress();
    Path gcLog = launched.gcLog();
    Path log = launched.log();
    try {
      ProcessWindow window = new ProcessWindow(process.pid(), gcLog, total);
      long lowAt = 0;
      long lowCount = 0;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (System.nanoTime() < deadline) {
        long count = RawProgress.read(progress).getOrDefault(counter, 0L);
        long now = System.nanoTime();
        window.sample(count);
        if (lowAt == 0 && count >= total / 10) {
          lowAt = now;
          lowCount = count;
        }
        if (count >= total * 9 / 10) {
          double rate = (count - lowCount) / ((now - lowAt) / 1e9);
          SteadyState.PerLine steady = window.perLine();
          System.out.printf("[%s] %,.0f/s; steady state: %s per unit%n", name, rate, steady);
          return new ContenderRounds.Run(label, round, rate, steady);
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " ended at " + count + " of " + total + ":\n" + Files.readString(log));
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(name + " did not finish:\n" + Files.readString(log));
    } finally {
      process.destroyForcibly().waitFor();
    }
  }
}
