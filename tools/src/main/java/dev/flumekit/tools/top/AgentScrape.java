package dev.flumekit.tools.top;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One reading of an agent's {@code /metrics}: per component ({@code flume_<kind>_<metric>} labelled
 * {@code component}), each of its metrics, series of one metric summed (the lag of every
 * partition), and whether Flume runs it ({@code flume_component_up}). I/O-free.
 */
record AgentScrape(String agent, Map<String, Component> components, long nanos) {
  /** Counters that count a failure: a failed put, take, write or read, a rollback, an error. */
  private static final Pattern ERROR = Pattern.compile(".*(fail|rollback|error).*_total");

  /** A component's numbers by metric name without {@code flume_<kind>_}. */
  record Component(String kind, String name, String type, Map<String, Double> values) {
    /** The value of the first of {@code names} the component has, or null. */
    Double first(String... names) {
      for (String n : names) {
        Double v = values.get(n);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    /** The sum of its failure counters (see {@link AgentScrape#ERROR}). */
    double errors() {
      return values.entrySet().stream()
          .filter(e -> ERROR.matcher(e.getKey()).matches())
          .mapToDouble(Map.Entry::getValue)
          .sum();
    }

    /** Whether Flume runs it: {@code flume_component_up} is 1, or absent (then assumed). */
    boolean up() {
      Double up = values.get("up");
      return up == null || up > 0;
    }
  }

  /** The components of a page's samples, in the page's order; {@code nanos} when it was read. */
  static AgentScrape of(List<PrometheusText.Sample> samples, long nanos) {
    Map<String, Component> components = new LinkedHashMap<>();
    String agent = null;
    for (PrometheusText.Sample s : samples) {
      String component = s.label("component");
      if (!s.name().startsWith("flume_") || component == null || s.name().endsWith("_bucket")) {
        continue;
      }
      agent = agent == null ? s.label("agent") : agent;
      String metric;
      String kind;
      if (s.name().equals("flume_component_up")) {
        kind = s.label("kind");
        metric = "up";
      } else {
        String rest = s.name().substring("flume_".length());
        int cut = rest.indexOf('_');
        if (cut < 0) {
          continue;
        }
        kind = rest.substring(0, cut);
        metric = rest.substring(cut + 1);
      }
      if (kind == null || Double.isNaN(s.value())) {
        continue;
      }
      Component c =
          components.computeIfAbsent(
              kind + "." + component,
              k ->
                  new Component(
                      kind, component, String.valueOf(s.label("type")), new LinkedHashMap<>()));
      c.values().merge(metric, s.value(), Double::sum);
    }
    return new AgentScrape(agent, components, nanos);
  }
}
