package dev.flumekit.testkit.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root directory, found from the module a test runs in: modules sit at different
 * depths (plugins at the top, test kits under {@code testing/}), so no test counts {@code ..}s.
 */
public final class ProjectRoot {
  private ProjectRoot() {}

  /** The nearest directory at or above the working directory holding {@code demo.sh}. */
  public static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("demo.sh")) && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException(
        "no flumekit checkout (demo.sh beside pom.xml) at or above " + dir);
  }
}
