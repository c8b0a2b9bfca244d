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
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    while (m.find()) {
      boolean all = true;
      for (String label : labels) {
        all &= m.group(1).contains(label);
      }
      if (all) {
        return OptionalDouble.of(Double.parseDouble(m.group(2)));
      }
    }
    return OptionalDouble.empty();
  }

  /** The values of every sample of {@code metric}. */
  public static List<Double> values(String text, String metric) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*\\} (\\S+)$").matcher(text);
    List<Double> values = new ArrayList<>();
    while (m.find()) {
      values.add(Double.parseDouble(m.group(1)));
    }
    return values;
  }
}
