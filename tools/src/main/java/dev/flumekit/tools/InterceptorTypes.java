package dev.flumekit.tools;

import dev.flumekit.common.config.Spelling;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.apache.flume.interceptor.InterceptorBuilderFactory;
import org.apache.flume.interceptor.InterceptorType;

/**
 * Interceptor types that do not load: Flume then drops the whole source with "Interceptor.Builder
 * not found.", naming neither the key nor a builder that does load. Said here at the key, with the
 * nearest builder the agent's class path has, so that the rest of the source is still checked.
 */
final class InterceptorTypes {
  private InterceptorTypes() {}

  /** A problem with an interceptor: its type key and what is wrong with it. */
  record Refused(String interceptor, String line) {}

  /**
   * The interceptors of {@code source} whose type does not load.
   *
   * @param prefix the source's key prefix ({@code a1.sources.src.})
   */
  static List<Refused> refused(String prefix, Map<String, String> properties) {
    List<Refused> refused = new ArrayList<>();
    String list = properties.getOrDefault(prefix + "interceptors", "").trim();
    if (list.isEmpty()) {
      return refused;
    }
    for (String name : list.split("\\s+")) {
      String key = prefix + "interceptors." + name + ".type";
      String type = properties.get(key);
      if (type == null) {
        refused.add(
            new Refused(
                name, key + ": required, expected an interceptor type or its builder class"));
        continue;
      }
      try {
        InterceptorBuilderFactory.newInstance(type.trim());
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        refused.add(
            new Refused(
                name,
                key
                    + " = '"
                    + type
                    + "': no interceptor builder of that name loads"
                    + nearest(type.trim()).map(b -> " (did you mean " + b + "?)").orElse("")
                    + "; a class must be given as its Builder, e.g. pkg.MyInterceptor$Builder,"
                    + " and its plugin be in plugins.d"));
      }
    }
    return refused;
  }

  /** The known builder nearest to {@code type}: Flume's aliases, and builders of its package. */
  static Optional<String> nearest(String type) {
    Set<String> known = new TreeSet<>();
    for (InterceptorType t : InterceptorType.values()) {
      known.add(t.name().toLowerCase(Locale.ROOT));
      if (t.getBuilderClass() != null) {
        known.add(t.getBuilderClass().getName());
      }
    }
    int dot = type.lastIndexOf('.');
    if (dot > 0) {
      known.addAll(buildersIn(type.substring(0, dot)));
    }
    return Spelling.closest(type, known, Math.max(2, type.length() / 4));
  }

  /** The {@code $Builder} classes of a package, from the jars on the class path that hold it. */
  private static Set<String> buildersIn(String pkg) {
    Set<String> builders = new TreeSet<>();
    String path = pkg.replace('.', '/') + "/";
    try {
      for (URL url : Collections.list(InterceptorTypes.class.getClassLoader().getResources(path))) {
        if (!(url.openConnection() instanceof JarURLConnection jar)) {
          continue;
        }
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
          file.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith(path) && n.endsWith("$Builder.class"))
              .filter(n -> n.indexOf('/', path.length()) < 0)
              .forEach(
                  n ->
                      builders.add(
                          n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
      }
    } catch (IOException e) {
      // no suggestion then
    }
    return builders;
  }
}
