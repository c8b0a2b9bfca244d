package dev.flumekit.tools;

import dev.flumekit.common.config.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flume.interceptor.InterceptorType;

/**
 * Interceptor types that do not load: Flume then drops the whole source with "Interceptor.Builder
 * not found.", naming neither the key nor a builder that does load. Said here at the key, with the
 * nearest builder the agent's class path has ({@link InterceptorBuilders}), so that the rest of the
 * source is still checked.
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
  static List<Refused> refused(
      String prefix, Map<String, String> properties, InterceptorBuilders builders) {
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
      if (!builders.loads(type.trim())) {
        refused.add(
            new Refused(
                name,
                key
                    + " = '"
                    + type
                    + "': no interceptor builder of that name loads"
                    + nearest(type.trim(), builders)
                        .map(b -> " (did you mean " + b + "?)")
                        .orElse("")
                    + "; a class must be given as its Builder, e.g. pkg.MyInterceptor$Builder,"
                    + " and its plugin be in plugins.d"));
      }
    }
    return refused;
  }

  /** The known builder nearest to {@code type}: Flume's aliases, and builders of its package. */
  static Optional<String> nearest(String type, InterceptorBuilders builders) {
    Set<String> known = new TreeSet<>();
    for (InterceptorType t : InterceptorType.values()) {
      known.add(t.name().toLowerCase(Locale.ROOT));
      if (t.getBuilderClass() != null) {
        known.add(t.getBuilderClass().getName());
      }
    }
    int dot = type.lastIndexOf('.');
    if (dot > 0) {
      known.addAll(builders.inPackage(type.substring(0, dot)));
    }
    return Spelling.closest(type, known, Math.max(2, type.length() / 4));
  }
}
