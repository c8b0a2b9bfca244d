package dev.flumekit.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A Flume home as an operator has it: Flume's own {@code lib/}, with flumekit unpacked into it. */
public final class FlumeHome {
  private FlumeHome() {}

  /**
   * Creates {@code home} with {@code lib} linked to Flume's jars and the plugins tarball unpacked
   * with {@code tar xzf … -C home}, as the README tells operators to.
   */
  public static Path install(Path home, Path flumeLib, Path tarball)
      throws IOException, InterruptedException {
    Files.createDirectories(home);
    if (!Files.exists(flumeLib.resolve("kafka-clients-2.7.2.jar"))) {
      throw new IllegalStateException(
          "no Flume 1.11.0 lib/ at " + flumeLib + " (built by the test-flume-home module)");
    }
    Files.createSymbolicLink(home.resolve("lib"), flumeLib.toAbsolutePath());
    Process tar =
        new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", home.toString())
            .inheritIO()
            .start();
    if (tar.waitFor() != 0) {
      throw new IllegalStateException("tar xzf " + tarball + " failed");
    }
    return home;
  }

  /** The names of the files in {@code directory}, sorted. */
  public static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
