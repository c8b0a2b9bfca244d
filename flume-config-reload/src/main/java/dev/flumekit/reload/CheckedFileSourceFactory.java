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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flume's configuration sources for URIs of the scheme {@value #SCHEME}: {@code flume-ng agent -n
 * NAME -u flumekit-checked:/etc/flume/collector.conf} (what {@code bin/flumekit-agent agent}
 * passes) runs the file as {@code -f} would, and reloads an edit only once {@code
 * bin/flumekit-agent check} passes it ({@link CheckedFileSource}). Flume finds this factory on the
 * agent's class path (plugins.d/flumekit-config-reload) by the scheme.
 */
public final class CheckedFileSourceFactory implements ConfigurationSourceFactory {
  public static final String SCHEME = "flumekit-checked";

  /**
   * The SHA-256 of the text {@code bin/flumekit-agent agent} checked just before the start: the
   * agent runs that text without checking it again.
   */
  static final String CHECKED_DIGEST_PROPERTY = "flumekit.checked.sha256";

  private static final Logger LOG = LoggerFactory.getLogger(CheckedFileSourceFactory.class);

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
                  ConfigurationCheck.Outcome.UNDECIDED,
                  List.of(
                      "cannot check the edit of "
                          + edited
                          + ": "
                          + why
                          + "; start the agent with bin/flumekit-agent agent, which checks"
                          + " first"));
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
    try {
      return new CheckedFileSource(
          file,
          check,
          ReloadCounters.registered(),
          snapshots,
          Optional.ofNullable(System.getProperty(CHECKED_DIGEST_PROPERTY)));
    } catch (CheckedFileSource.NotChecked e) {
      // Flume would log the exception and leave a JVM running nothing, exit status 0: an agent
      // that must not run its configuration stops, and says why
      e.lines().forEach(l -> LOG.error("{}", l));
      LOG.error(
          "agent {} not started: {}; run bin/flumekit-agent check -n {} -f {}",
          agent.orElse("?"),
          e.getMessage(),
          agent.orElse("NAME"),
          file);
      // exit, not halt: the logging's shutdown hook writes out the lines above
      Runtime.getRuntime().exit(1);
      throw e;
    }
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
