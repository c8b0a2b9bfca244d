package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tarball unpacked on its own, as an operator without a Flume install has it, its commands run
 * through {@code bin/flumekit-agent} (Flume's lib/ assembled from this build's Maven repository).
 */
final class StandaloneKit {
  /** What a run of the launcher printed (stdout and stderr together) and its exit status. */
  record Run(int status, String out) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private final Path home;
  private final Path outputs;

  private StandaloneKit(Path home, Path outputs) {
    this.home = home;
    this.outputs = outputs;
  }

  static StandaloneKit unpack(Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("flumekit"));
    Process tar =
        new ProcessBuilder(
                "tar", "xzf", System.getProperty("flumekit.tarball"), "-C", home.toString())
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    return new StandaloneKit(home, Files.createDirectories(dir.resolve("launcher-output")));
  }

  Path home() {
    return home;
  }

  Path resolve(String path) {
    return home.resolve(path);
  }

  /** {@code bin/flumekit-agent ARGS} run in the kit's directory, to its end. */
  Run run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  /** As {@link #run(String...)}, with {@code environment} added to the launcher's. */
  Run run(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/flumekit-agent").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(outputs, "launcher", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.remove("FLUME_HOME");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("FLUMEKIT_LOCAL_REPO", System.getProperty("maven.local.repo"));
    env.putAll(environment);
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command));
    return new Run(p.exitValue(), Files.readString(out));
  }
}
