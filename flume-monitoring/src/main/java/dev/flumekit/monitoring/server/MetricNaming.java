package dev.flumekit.monitoring.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a component's MBean attribute becomes a Prometheus metric, following Prometheus' naming
 * conventions: {@code flume_<kind>_<attribute in snake case>}, base units (milliseconds become
 * seconds), counters named without {@code _count} (the text format adds {@code _total}), and no
 * kind said twice ({@code ChannelSize} of a channel is {@code flume_channel_size}).
 */
final class MetricNaming {
  /** Flume's and flumekit's attributes that go up and down; every other number only grows. */
  private static final Set<String> GAUGES =
      Set.of(
          "ChannelSize",
          "ChannelCapacity",
          "ChannelFillPercentage",
          "OpenConnectionCount",
          "StartTime",
          "StopTime",
          "FilesTracked",
          "FilesOpen",
          "ReadingPaused",
          "RecordsLagMax",
          "ConfigurationRefused",
          "OldestWriteWaitMs");

  /**
   * Attributes whose names, followed as they are, make a name promtool's lint remarks on: a gauge
   * ending in {@code _count} reads as a histogram's count, and a name holding {@code counter} as a
   * type said in the name (the HBase sink's exactly-once counting works on counter rows).
   */
  private static final Map<String, String> NAMES =
      Map.of(
          "OpenConnectionCount", "open_connections",
          "CounterConflicts", "row_conflicts",
          "CounterStateReads", "row_state_reads");

  /** What a metric is: its name, whether it only grows, and the factor into its base unit. */
  record Metric(String name, boolean counter, double scale, String help) {}

  private MetricNaming() {}

  /** Names already worked out: a scrape asks for the same few hundred each time. */
  private static final Map<String, Metric> KNOWN = new ConcurrentHashMap<>();

  /** The metric of {@code attribute} of a {@code kind} component. */
  static Metric of(String kind, String attribute) {
    return KNOWN.computeIfAbsent(kind + "\u0000" + attribute, k -> name(kind, attribute));
  }

  private static Metric name(String kind, String attribute) {
    String k = kind.toLowerCase(Locale.ROOT);
    String snake = NAMES.getOrDefault(attribute, snake(attribute));
    boolean counter =
        !GAUGES.contains(attribute) && !snake.endsWith("_last_ms") && !snake.endsWith("_max_ms");
    double scale = 1;
    if (snake.endsWith("_ms") || snake.endsWith("_timer")) {
      snake = snake.substring(0, snake.lastIndexOf('_')) + "_seconds";
      scale = 0.001;
    } else if (snake.endsWith("_time")) {
      // StartTime, StopTime: epoch milliseconds
      snake = snake + "_seconds";
      scale = 0.001;
    }
    if (counter) {
      snake = snake.replace("_total_", "_").replaceAll("_count$", "").replaceAll("_total$", "");
    }
    if (snake.startsWith(k + "_")) {
      snake = snake.substring(k.length() + 1);
    }
    String help =
        kind.charAt(0)
            + kind.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ')
            + " "
            + attribute
            + (scale != 1 ? " (in seconds)" : "");
    return new Metric("flume_" + k + "_" + snake, counter, scale, help);
  }

  /** {@code EventDrainSuccessCount} → {@code event_drain_success_count}. */
  static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean wordStart =
            i > 0
                && (Character.isLowerCase(camel.charAt(i - 1))
                    || Character.isDigit(camel.charAt(i - 1))
                    || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))));
        if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out.toString();
  }

  /**
   * The histogram a text attribute named {@code <Name>Histogram} holds, in seconds: {@code
   * SendDurationHistogram} of a sink is {@code flume_sink_send_duration_seconds}.
   */
  static Optional<String> histogram(String kind, String attribute) {
    if (!attribute.endsWith("Histogram") || attribute.equals("Histogram")) {
      return Optional.empty();
    }
    String snake = snake(attribute.substring(0, attribute.length() - "Histogram".length()));
    return Optional.of("flume_" + kind.toLowerCase(Locale.ROOT) + "_" + snake + "_seconds");
  }

  /** The help text of an attribute's metric. */
  static String help(String kind, String attribute) {
    return of(kind, attribute).help();
  }
}
