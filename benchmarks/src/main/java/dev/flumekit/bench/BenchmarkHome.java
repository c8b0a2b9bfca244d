package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Where an agent benchmark runs: a fresh work directory and a Flume home with the tarball in it.
 */
final class BenchmarkHome {
  private BenchmarkHome() {}

  /** {@code benchmarks/target/<prefix>-<timestamp>} under the project root. */
  static Path workDirectory(Path root, String prefix) {
    return root.resolve(
        "benchmarks/target/"
            + prefix
            + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** A Flume home in {@code work}: Flume 1.11's lib/ and this build's plugins tarball. */
  static Path flumeHome(Path root, Path work) throws IOException, InterruptedException {
    Path tarball;
    try (Stream<Path> files = Files.list(root.resolve("distribution/target"))) {
      tarball =
          files.filter(p -> p.toString().endsWith("-plugins.tar.gz")).findFirst().orElseThrow();
    }
    return FlumeHome.install(
        work.resolve("flume-home"),
        root.resolve("testing/flume-home/target/flume-home/lib"),
        tarball);
  }

  /**
   * Installs this build's benchmarks jar as {@code plugins.d/flumekit-bench/lib/} of {@code
   * flumeHome}, for the benchmark source ({@link AccessLogSource}) an agent names.
   */
  static void installBenchPlugin(Path root, Path flumeHome) throws IOException {
    Path lib = Files.createDirectories(flumeHome.resolve("plugins.d/flumekit-bench/lib"));
    try (Stream<Path> jars = Files.list(root.resolve("benchmarks/target"))) {
      Path jar =
          jars.filter(p -> p.getFileName().toString().matches("flumekit-benchmarks-.*\\.jar"))
              .findFirst()
              .orElseThrow();
      Files.copy(jar, lib.resolve(jar.getFileName()));
    }
  }
}
