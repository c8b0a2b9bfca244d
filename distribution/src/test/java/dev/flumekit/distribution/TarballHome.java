package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A Flume 1.11.0 home whose lib/ is Flume's own, with this build's tarball unpacked into it (the
 * paths come from failsafe's system properties).
 */
final class TarballHome {
  static final String VERSION = System.getProperty("flumekit.version");

  private TarballHome() {}

  /**
   * Checks the layout of an isolated plugin in {@code home}: lib/ holds only the plugin's jar,
   * libext/ only flumekit-common and its RE2/J (what the agent's flat class path needs for the
   * facade), and isolated/ no slf4j (the agent's own is shared). Returns the names in isolated/.
   *
   * @param apiArtifacts flumekit artifacts besides flumekit-common that libext holds: APIs the
   *     agent's class path shares with extensions
   */
  static List<String> isolatedPluginLayout(Path home, String plugin, String... apiArtifacts)
      throws IOException {
    Path dir = home.resolve("plugins.d/" + plugin);
    assertEquals(List.of(plugin + "-" + VERSION + ".jar"), FlumeHome.fileNames(dir.resolve("lib")));
    List<String> libext = new ArrayList<>(List.of("flumekit-common-" + VERSION + ".jar"));
    for (String api : apiArtifacts) {
      libext.add(api + "-" + VERSION + ".jar");
    }
    libext.add("re2j-1.8.jar");
    libext.sort(null);
    assertEquals(
        libext,
        FlumeHome.fileNames(dir.resolve("libext")),
        "only what the agent's flat class path needs");
    List<String> isolated = FlumeHome.fileNames(dir.resolve("isolated"));
    assertFalse(isolated.stream().anyMatch(n -> n.startsWith("slf4j")), isolated.toString());
    return isolated;
  }

  /**
   * Checks a plugin that runs on the agent's flat class path: its jar holds only classes under
   * {@code packagePath} (nothing Flume's lib/ could be shadowed by) and libext only
   * flumekit-common.
   */
  static void flatPluginLayout(Path home, String plugin, String packagePath) throws IOException {
    Path dir = home.resolve("plugins.d/" + plugin);
    String jarName = plugin + "-" + VERSION + ".jar";
    assertEquals(List.of(jarName), FlumeHome.fileNames(dir.resolve("lib")));
    assertEquals(
        List.of("flumekit-common-" + VERSION + ".jar", "re2j-1.8.jar"),
        FlumeHome.fileNames(dir.resolve("libext")),
        "flumekit-common and the linear-time regex engine its patterns run on");
    try (JarFile jar = new JarFile(dir.resolve("lib/" + jarName).toFile())) {
      assertEquals(
          List.of(),
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class") && !n.startsWith(packagePath))
              .toList());
    }
  }

  /**
   * Starts agent {@code a1} of {@code conf} from {@code flumeHome}, with its configuration in
   * {@code dir/conf-<run>} and its log in {@code dir/logs/<run>.log}.
   */
  static FlumeAgent startAgent(
      Path flumeHome,
      Path dir,
      String run,
      String conf,
      Map<String, String> logLevels,
      List<String> jvmOptions)
      throws Exception {
    Path confDir = dir.resolve("conf-" + run);
    Path confFile = FlumeAgent.writeConfig(confDir, conf, logLevels);
    return FlumeAgent.start(
        flumeHome, confDir, confFile, "a1", jvmOptions, dir.resolve("logs/" + run + ".log"));
  }

  /**
   * An agent a1 whose source r1 reads {@code spool} (Flume's spooldir) into channel c1 for sink k1,
   * then {@code lines}: the rest of its configuration.
   */
  static String spoolDirAgent(Path spool, String... lines) {
    List<String> conf =
        new ArrayList<>(
            List.of(
                "a1.sources = r1",
                "a1.channels = c1",
                "a1.sinks = k1",
                "a1.sources.r1.type = spooldir",
                "a1.sources.r1.spoolDir = " + spool,
                "a1.sources.r1.channels = c1"));
    conf.addAll(List.of(lines));
    return String.join("\n", conf) + "\n";
  }

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
