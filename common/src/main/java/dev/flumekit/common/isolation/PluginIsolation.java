package dev.flumekit.common.isolation;

import dev.flumekit.common.version.FlumekitVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the class loader a plugin's implementation runs in. Installed as {@code
 * plugins.d/<plugin>/lib/<plugin>.jar}, with what the agent's class path also needs
 * (flumekit-common) in {@code plugins.d/<plugin>/libext} and its client libraries in {@code
 * plugins.d/<plugin>/isolated}, a plugin gets one {@link ChildFirstClassLoader} over its jar,
 * libext and isolated, shared by all its instances in the agent. {@code bin/flume-ng} puts lib and
 * libext on the agent's one flat class path but not {@code isolated}, so the plugin's Kafka or
 * HBase client (with its Hadoop classes) can never shadow a class another component of the agent
 * needs. Anywhere else (a flat class path built by hand, an IDE, a test) the plugin runs in the
 * class loader that loaded it.
 */
public final class PluginIsolation {
  private static final Logger LOG = LoggerFactory.getLogger(PluginIsolation.class);
  private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private PluginIsolation() {}

  /**
   * The class loader of {@code facade}'s plugin.
   *
   * @param apiPackages packages of the plugin that extensions implement: taken from the agent's
   *     class path (their jar is in libext), never from the plugin's own copy
   */
  public static ClassLoader loaderFor(Class<?> facade, Set<String> apiPackages) {
    Path jar = codeSource(facade);
    Path libext = pluginLibext(jar);
    if (libext == null) {
      LOG.info(
          "{} is not installed as plugins.d/<plugin>/lib/<jar>; it uses the agent's class path",
          facade.getName());
      return facade.getClassLoader();
    }
    return LOADERS.computeIfAbsent(libext, dir -> isolate(facade, jar, dir, apiPackages));
  }

  private static ClassLoader isolate(
      Class<?> facade, Path jar, Path libext, Set<String> apiPackages) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(jar.toUri().toURL());
      urls.addAll(jars(libext));
      urls.addAll(jars(libext.resolveSibling("isolated")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list plugin libraries in " + libext.getParent(), e);
    }
    String plugin = libext.getParent().getFileName().toString();
    LOG.info(
        "Plugin {} {} runs isolated from the agent's lib/ over {} jars in {}",
        plugin,
        FlumekitVersion.of(facade),
        urls.size(),
        libext.getParent());
    return new ChildFirstClassLoader(
        plugin, urls.toArray(new URL[0]), facade.getClassLoader(), apiPackages);
  }

  private static List<URL> jars(Path directory) throws IOException {
    List<URL> urls = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return urls;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path lib : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(lib.toUri().toURL());
      }
    }
    return urls;
  }

  private static Path codeSource(Class<?> facade) {
    CodeSource source = facade.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Paths.get(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Path pluginLibext(Path jar) {
    if (jar == null || !Files.isRegularFile(jar)) {
      return null;
    }
    Path lib = jar.getParent();
    if (lib == null || !lib.getFileName().toString().equals("lib") || lib.getParent() == null) {
      return null;
    }
    Path libext = lib.getParent().resolve("libext");
    return Files.isDirectory(libext) ? libext : null;
  }
}
