package dev.flumekit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The runs of a benchmark's contenders over rounds: the order a round runs them in (rotated, so
 * that no contender always goes first or last on a machine whose load drifts), each run's events/s
 * beside its CPU and allocation per event, and the medians reported.
 */
final class RoundRuns {
  /** One contender's run in one round. */
  record Run(String contender, int round, double eventsPerSecond, SteadyState.PerLine perEvent) {}

  /** A contender's medians over its rounds; NaN where no round measured the figure. */
  record Medians(double eventsPerSecond, double cpuMicros, double allocatedBytes) {}

  private final List<Run> runs = new ArrayList<>();

  /**
   * The contenders in the order round {@code round} (from 1) runs them: round 1 as given, each
   * later round starting one further along (a,b,c; b,c,a; c,a,b; a,b,c ...).
   */
  static <T> List<T> order(List<T> contenders, int round) {
    int n = contenders.size();
    List<T> ordered = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      ordered.add(contenders.get(Math.floorMod(k + round - 1, n)));
    }
    return ordered;
  }

  void add(Run run) {
    runs.add(run);
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  /** Events/s of a contender in a round; NaN if it did not run. */
  double rate(String contender, int round) {
    return runs.stream()
        .filter(r -> r.contender().equals(contender) && r.round() == round)
        .mapToDouble(Run::eventsPerSecond)
        .findFirst()
        .orElse(Double.NaN);
  }

  Medians medians(String contender) {
    return new Medians(
        median(contender, Run::eventsPerSecond),
        median(contender, r -> r.perEvent().cpuMicros()),
        median(contender, r -> r.perEvent().allocatedBytes()));
  }

  /** The median over rounds of {@code a}'s events/s over {@code b}'s in the same round. */
  double medianRatio(String a, String b) {
    return medianRatioToLower(a, b, b);
  }

  /**
   * The median over rounds of {@code a}'s events/s over the lower of {@code b}'s and {@code c}'s in
   * the same round; rounds missing any of the three are left out.
   */
  double medianRatioToLower(String a, String b, String c) {
    List<Double> ratios = new ArrayList<>();
    for (int round : rounds()) {
      double ratio = rate(a, round) / Math.min(rate(b, round), rate(c, round));
      if (Double.isFinite(ratio)) {
        ratios.add(ratio);
      }
    }
    return AgentMeasurements.median(ratios);
  }

  /** A Markdown table of every run, in the order they ran. */
  String table() {
    StringBuilder out = new StringBuilder(HEADER);
    for (Run r : runs) {
      out.append(row(r.contender(), Integer.toString(r.round()), r.eventsPerSecond(), r.perEvent()))
          .append('\n');
    }
    return out.toString();
  }

  /** A Markdown table of each contender's medians, in the order given. */
  String medianTable(List<String> contenders) {
    StringBuilder out = new StringBuilder(HEADER);
    for (String c : contenders) {
      Medians m = medians(c);
      out.append(
              row(
                  c,
                  "median",
                  m.eventsPerSecond(),
                  new SteadyState.PerLine(m.cpuMicros(), m.allocatedBytes(), 0, 0, 0)))
          .append('\n');
    }
    return out.toString();
  }

  private static final String HEADER =
      "| Contender | Round | Events/s | CPU µs/event | B allocated/event |\n|---|---|---|---|---|\n";

  private static String row(
      String contender, String round, double perSecond, SteadyState.PerLine perEvent) {
    return String.format(
            Locale.ROOT,
            "| %s | %s | %,.0f | %.2f | %,.0f |",
            contender,
            round,
            perSecond,
            perEvent.cpuMicros(),
            perEvent.allocatedBytes())
        .replace("NaN", "n/a");
  }

  private List<Integer> rounds() {
    return runs.stream().map(Run::round).distinct().sorted().toList();
  }

  private double median(String contender, ToDoubleFunction<Run> figure) {
    List<Double> values = new ArrayList<>();
    for (Run r : runs) {
      double v = figure.applyAsDouble(r);
      if (r.contender().equals(contender) && !Double.isNaN(v)) {
        values.add(v);
      }
    }
    return AgentMeasurements.median(values);
  }
}
