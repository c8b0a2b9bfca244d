package dev.flumekit.distribution;

import dev.flumekit.testkit.FlumeHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A Flume 1.11.0 home whose lib/ is Flume's own, with this build's tarball unpacked into it (the
 * paths come from failsafe's system properties).
 */
final class TarballHome {
  static final String VERSION = System.getProperty("flumekit.version");

  private TarballHome() {}

  static Path install(Path parent) throws Exception {
    Path lib = Paths.get(System.getProperty("flume.home.lib"));
    if (!Files.exists(lib.resolve("guava-11.0.2.jar"))) {
      throw new IllegalStateException("no Flume lib/ at " + lib);
    }
    return FlumeHome.install(
        parent.resolve("apache-flume-1.11.0-bin"),
        lib,
        Paths.get(System.getProperty("flumekit.tarball")));
  }
}
