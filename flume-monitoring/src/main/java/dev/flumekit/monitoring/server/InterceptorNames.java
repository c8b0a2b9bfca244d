package dev.flumekit.monitoring.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which configured interceptor each interceptor counter belongs to. Flume does not tell an
 * interceptor its configured name, so a counter is named by its type ({@code accesslog}, {@code
 * accesslog-2}, ...) and reports its builder's class and the digest of its settings; this matches
 * them to the configuration's interceptors: first by class and digest, then, for a counter whose
 * settings the file does not show as Flume saw them (a value from the environment), by class alone
 * where one configured interceptor of that class is left. Interceptors configured alike (same class
 * and settings, in two sources) cannot be told apart: Flume builds sources in no fixed order, so
 * their counters are matched to none rather than perhaps to the wrong source. A counter matched to
 * nothing keeps its own name.
 */
final class InterceptorNames {
  private InterceptorNames() {}

  /** The configured interceptor of each matched counter, keyed by the counter's name. */
  static Map<String, AgentLayout.Interceptor> match(
      List<AgentLayout.Interceptor> configured, List<ComponentReading> readings) {
    List<ComponentReading> counters = new ArrayList<>();
    for (ComponentReading r : readings) {
      if (r.kind().equals("INTERCEPTOR") && r.attributes().get("BuilderType") != null) {
        counters.add(r);
      }
    }
    // a name without a suffix was made first, accesslog-2 after it, and so on
    counters.sort(Comparator.comparing(ComponentReading::name, InterceptorNames::creationOrder));
    Map<List<String>, Long> alike = new HashMap<>();
    for (AgentLayout.Interceptor i : configured) {
      alike.merge(List.of(i.type(), i.settingsDigest()), 1L, Long::sum);
    }
    List<AgentLayout.Interceptor> left = new ArrayList<>();
    for (AgentLayout.Interceptor i : configured) {
      if (alike.get(List.of(i.type(), i.settingsDigest())) == 1) {
        left.add(i);
      }
    }
    Map<String, AgentLayout.Interceptor> matched = new HashMap<>();
    List<ComponentReading> unmatched = new ArrayList<>();
    for (ComponentReading counter : counters) {
      AgentLayout.Interceptor found = take(left, counter, true);
      if (found != null) {
        matched.put(counter.name(), found);
      } else {
        unmatched.add(counter);
      }
    }
    for (ComponentReading counter : unmatched) {
      if (left.stream().filter(i -> sameClass(i, counter)).count() == 1) {
        matched.put(counter.name(), take(left, counter, false));
      }
    }
    return matched;
  }

  private static AgentLayout.Interceptor take(
      List<AgentLayout.Interceptor> left, ComponentReading counter, boolean sameSettings) {
    for (int i = 0; i < left.size(); i++) {
      AgentLayout.Interceptor candidate = left.get(i);
      if (sameClass(candidate, counter)
          && (!sameSettings
              || candidate.settingsDigest().equals(counter.attributes().get("SettingsDigest")))) {
        return left.remove(i);
      }
    }
    return null;
  }

  private static boolean sameClass(AgentLayout.Interceptor configured, ComponentReading counter) {
    return Objects.equals(configured.type(), counter.attributes().get("BuilderType"));
  }

  private static int creationOrder(String a, String b) {
    int c = Long.compare(suffix(a), suffix(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static long suffix(String name) {
    int dash = name.lastIndexOf('-');
    if (dash > 0) {
      try {
        return Long.parseLong(name.substring(dash + 1));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }
}
