package dev.flumekit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of a {@code /metrics} page in the Prometheus text format. */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The value of the first sample of {@code metric} whose labels include every one of {@code
   * labels} (each written as in the text: {@code component="tail"}).
   */
  public static OptionalDouble value(String text, String metric, String... labels) {
    List<Double> matching = values(text, metric, labels);
    return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0));
  }

  /**
   * The values of every sample of {@code metric} whose labels include every one of {@code labels}.
   */
  public static List<Double> values(String text, String metric, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    List<Double> values = new ArrayList<>();
    while (m.find()) {
      boolean all = true;
      for (String label : labels) {
        all &= m.group(1).contains(label);
      }
      if (all) {
        values.add(Double.parseDouble(m.group(2)));
      }
    }
    return values;
  }

  /** The sum of {@link #values}. */
  public static double sum(String text, String metric, String... labels) {
    return values(text, metric, labels).stream().mapToDouble(Double::doubleValue).sum();
  }
}
