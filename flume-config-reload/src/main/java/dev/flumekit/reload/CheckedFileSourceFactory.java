package dev.flumekit.reload;

import dev.flumekit.common.net.InstanceName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flume.node.ConfigurationSource;
import org.apache.flume.node.ConfigurationSourceFactory;
import org.apache.flume.node.net.AuthorizationProvider;

/**
 * Flume's configuration sources for URIs of the scheme {@value #SCHEME}: {@code flume-ng agent -n
 * NAME -u flumekit-checked:/etc/flume/collector.conf} (what {@code bin/flumekit-agent agent}
 * passes) runs the file as {@code -f} would, and reloads an edit only once {@code
 * bin/flumekit-agent check} passes it ({@link CheckedFileSource}). Flume finds this factory on the
 * agent's class path (plugins.d/flumekit-config-reload) by the scheme.
 */
public final class CheckedFileSourceFactory implements ConfigurationSourceFactory {
  public static final String SCHEME = "flumekit-checked";

  /** Where flumekit is installed, if not where this jar says: {@code plugins.d/x/lib/x.jar}. */
  static final String HOME_PROPERTY = "flumekit.home";

  @Override
  public List<String> getSchemes() {
    return List.of(SCHEME);
  }

  @Override
  public ConfigurationSource createConfigurationSource(
      URI uri, AuthorizationProvider authorizationProvider, boolean verifyHost) {
    Path file = Paths.get(uri.getSchemeSpecificPart()).toAbsolutePath();
    Optional<String> agent = InstanceName.agent();
    Optional<Path> home = home();
    List<Path> tools = home.map(CheckedFileSourceFactory::toolsJars).orElse(List.of());
    ConfigurationCheck check;
    if (agent.isEmpty() || tools.isEmpty()) {
      String why =
          agent.isEmpty()
              ? "the agent's name is not on its command line (-n NAME)"
              : "flumekit's commands are not in "
                  + home.map(h -> h.resolve("flumekit/lib").toString()).orElse("flumekit/lib")
                  + " (set -D"
                  + HOME_PROPERTY
                  + "=<where flumekit is installed>)";
      check =
          (snapshot, edited) ->
              new ConfigurationCheck.Verdict(
                  false,
                  List.of(
                      "cannot check the edit of "
                          + edited
                          + ": "
                          + why
                          + "; restart the agent to apply it"));
    } else {
      check =
          new ChildJvmCheck(
              agent.get(),
              Paths.get(System.getProperty("java.home")),
              Arrays.asList(
                  System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)),
              ManagementFactory.getRuntimeMXBean().getInputArguments(),
              tools);
    }
    Path snapshots;
    try {
      snapshots = Files.createTempDirectory("flumekit-reload-");
      snapshots.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("no directory to check configuration edits in", e);
    }
    return new CheckedFileSource(file, check, ReloadCounters.registered(), snapshots);
  }

  private static Optional<Path> home() {
    String set = System.getProperty(HOME_PROPERTY);
    if (set != null && !set.isBlank()) {
      return Optional.of(Paths.get(set));
    }
    try {
      // plugins.d/flumekit-config-reload/lib/flumekit-config-reload-<version>.jar
      Path jar =
          Paths.get(
              CheckedFileSourceFactory.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      Path home = jar.getParent().getParent().getParent().getParent();
      return Optional.ofNullable(home);
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Path> toolsJars(Path home) {
    try (Stream<Path> files = Files.list(home.resolve("flumekit").resolve("lib"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
