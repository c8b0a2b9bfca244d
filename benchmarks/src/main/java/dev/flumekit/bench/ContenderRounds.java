package dev.flumekit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The runs of a benchmark that compares contenders in rounds: which contender goes first in each
 * round (the order rotates, so that none always runs on a cold or a warm machine), and the report:
 * each run's rate beside its steady-state CPU and allocation per unit ({@link SteadyState}), the
 * medians per contender and the medians of the per-round ratios of two contenders.
 */
final class ContenderRounds {
  /** One contender's run in one round. */
  record Run(String contender, int round, double perSecond, SteadyState.PerLine steady) {}

  private final String unit;
  private final List<Run> runs = new ArrayList<>();

  /**
   * @param unit what the benchmark counts, singular: "event", "line"
   */
  ContenderRounds(String unit) {
    this.unit = unit;
  }

  /**
   * The contenders in the order they run in round {@code round} (1: as given; 2: from the second).
   */
  static List<String> order(List<String> contenders, int round) {
    List<String> order = new ArrayList<>();
    int n = contenders.size();
    for (int i = 0; i < n; i++) {
      order.add(contenders.get((i + round - 1) % n));
    }
    return order;
  }

  void add(Run run) {
    runs.add(run);
  }

  /**
   * A row per run: rate, CPU µs and bytes allocated per unit in the 20-80% window (CPU to 0.01 µs:
   * a tail source spends about half a µs a line).
   */
  List<String> table() {
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            "| Round | Contender | %ss/s | CPU µs/%s | without JIT | B allocated/%s |",
            unit, unit, unit));
    rows.add("|---|---|---|---|---|---|");
    for (Run r : runs) {
      rows.add(
          format(
              "| %d | %s | %,.0f | %.2f | %.2f | %,.0f |",
              r.round(),
              r.contender(),
              r.perSecond(),
              r.steady().cpuMicros(),
              r.steady().cpuMicrosWithoutJit(),
              r.steady().allocatedBytes()));
    }
    return rows;
  }

  /** A row per contender: the medians of its rounds. */
  List<String> medians() {
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            "| Contender (median of rounds) | %ss/s | CPU µs/%s | without JIT | B allocated/%s |",
            unit, unit, unit));
    rows.add("|---|---|---|---|---|");
    for (String contender : contenders()) {
      rows.add(
          format(
              "| %s | %,.0f | %.2f | %.2f | %,.0f |",
              contender,
              median(of(contender, Run::perSecond)),
              median(of(contender, r -> r.steady().cpuMicros())),
              median(of(contender, r -> r.steady().cpuMicrosWithoutJit())),
              median(of(contender, r -> r.steady().allocatedBytes()))));
    }
    return rows;
  }

  /**
   * {@code ours / theirs} per round, of the rate and of the CPU per unit, and their medians: a rate
   * ratio above 1 and a CPU ratio below 1 favour {@code ours}.
   */
  String ratios(String ours, String theirs) {
    List<Double> rate = ratios(ours, theirs, Run::perSecond);
    List<Double> cpu = ratios(ours, theirs, r -> r.steady().cpuMicros());
    return format(
        "%s / %s: %ss/s %s, median %.2f; CPU µs/%s %s, median %.2f",
        ours, theirs, unit, list(rate), median(rate), unit, list(cpu), median(cpu));
  }

  /** Units per second of a contender in a round; NaN if it did not run. */
  double rate(String contender, int round) {
    return find(contender, round).map(Run::perSecond).orElse(Double.NaN);
  }

  /** The median over rounds of {@code a}'s rate over {@code b}'s in the same round. */
  double medianRatio(String a, String b) {
    return medianRatioToLower(a, b, b);
  }

  /**
   * The median over rounds of {@code a}'s rate over the lower of {@code b}'s and {@code c}'s in the
   * same round (a plugin against the lower of its floors); rounds missing any of them are left out.
   */
  double medianRatioToLower(String a, String b, String c) {
    List<Double> ratios = new ArrayList<>();
    for (int round : runs.stream().map(Run::round).distinct().sorted().toList()) {
      double ratio = rate(a, round) / Math.min(rate(b, round), rate(c, round));
      if (Double.isFinite(ratio)) {
        ratios.add(ratio);
      }
    }
    return AgentMeasurements.median(ratios);
  }

  /**
   * The median over rounds of {@code a}'s rate over the rate of {@code b}'s and {@code c}'s work
   * done one after the other, {@code 1 / (1/b + 1/c)}: the floor of a plugin that does {@code b}'s
   * work (a raw client) inside {@code c}'s (Flume's source, channel and runner) when the machine's
   * CPU is the bound and both share it, as on 2 cores with the broker beside them.
   */
  double medianRatioToSerial(String a, String b, String c) {
    List<Double> ratios = new ArrayList<>();
    for (int round : runs.stream().map(Run::round).distinct().sorted().toList()) {
      double serial = 1 / (1 / rate(b, round) + 1 / rate(c, round));
      double ratio = rate(a, round) / serial;
      if (Double.isFinite(ratio)) {
        ratios.add(ratio);
      }
    }
    return AgentMeasurements.median(ratios);
  }

  /** {@code figure(ours) / figure(theirs)} for each round both ran in; NaN where one is NaN. */
  List<Double> ratios(String ours, String theirs, ToDoubleFunction<Run> figure) {
    List<Double> ratios = new ArrayList<>();
    for (Run o : runs) {
      if (o.contender().equals(ours)) {
        find(theirs, o.round())
            .ifPresent(t -> ratios.add(figure.applyAsDouble(o) / figure.applyAsDouble(t)));
      }
    }
    return ratios;
  }

  /** The median of the figures that are numbers; NaN if none is. */
  static double median(List<Double> values) {
    return AgentMeasurements.median(values.stream().filter(v -> !v.isNaN()).toList());
  }

  private Optional<Run> find(String contender, int round) {
    return runs.stream()
        .filter(r -> r.contender().equals(contender) && r.round() == round)
        .findFirst();
  }

  private List<String> contenders() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    runs.forEach(r -> names.add(r.contender()));
    return new ArrayList<>(names);
  }

  private List<Double> of(String contender, ToDoubleFunction<Run> figure) {
    return runs.stream()
        .filter(r -> r.contender().equals(contender))
        .map(figure::applyAsDouble)
        .toList();
  }

  private static String list(List<Double> values) {
    return String.join(", ", values.stream().map(v -> format("%.2f", v)).toList());
  }

  /** Root locale; n/a for a figure that could not be measured. */
  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args).replace("NaN", "n/a");
  }
}
