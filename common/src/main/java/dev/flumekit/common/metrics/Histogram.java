package dev.flumekit.common.metrics;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A distribution of durations in fixed buckets, recorded from many threads without locks and read
 * as text through a component's MBean. The text is the contract with the monitoring plugin, which
 * runs in another class loader and sees only JMX: {@code <upper bound>=<count> ... +Inf=<count>
 * sum=<total>}, bounds and total in seconds, counts cumulative (events at or below the bound), as
 * Prometheus' classic histograms have them; Flume's HTTP monitoring shows the same text.
 */
public final class Histogram {
  /** Sending a batch and having it acknowledged: a millisecond to a minute. */
  public static final double[] DURATION_SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  /**
   * An event's age when it is delivered, from its own time: tens of milliseconds when the pipeline
   * keeps up, hours after an outage or while a backlog is read.
   */
  public static final double[] AGE_SECONDS = {
    0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400
  };

  private final double[] bounds;
  private final long[] boundsNanos;

  /** counts[i]: values in (bound i-1, bound i]; the last one: above every bound. */
  private final LongAdder[] counts;

  private final LongAdder sumNanos = new LongAdder();

  /**
   * @param boundsSeconds upper bounds of the buckets in seconds, ascending; +Inf is added
   */
  public Histogram(double[] boundsSeconds) {
    this.bounds = boundsSeconds.clone();
    this.boundsNanos = new long[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      if (i > 0 && bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("bucket bounds must ascend: " + bounds[i]);
      }
      boundsNanos[i] = Math.round(bounds[i] * 1e9);
    }
    this.counts = new LongAdder[bounds.length + 1];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one value; a negative one (a clock set back, an event stamped ahead) counts as 0. */
  public void recordNanos(long nanos) {
    long value = Math.max(0, nanos);
    int bucket = 0;
    while (bucket < boundsNanos.length && value > boundsNanos[bucket]) {
      bucket++;
    }
    counts[bucket].increment();
    sumNanos.add(value);
  }

  public void recordMillis(long millis) {
    recordNanos(millis * 1_000_000L);
  }

  /**
   * The histogram as its MBean shows it. Read while others record, the counts may run a value or
   * two ahead of the sum; Prometheus' own client reads its histograms the same way.
   */
  public String text() {
    StringBuilder out = new StringBuilder(bounds.length * 12 + 24);
    long cumulative = 0;
    for (int i = 0; i < counts.length; i++) {
      cumulative += counts[i].sum();
      out.append(i < bounds.length ? format(bounds[i]) : "+Inf").append('=').append(cumulative);
      out.append(' ');
    }
    out.append("sum=").append(sumNanos.sum() / 1e9);
    return out.toString();
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  /** A histogram as read from its text: bounds ascending with +Inf last, cumulative counts, sum. */
  public record Reading(double[] bounds, long[] cumulativeCounts, double sum) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Reading r
          && Arrays.equals(bounds, r.bounds)
          && Arrays.equals(cumulativeCounts, r.cumulativeCounts)
          && Double.compare(sum, r.sum) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(bounds) + Arrays.hashCode(cumulativeCounts))
          + Double.hashCode(sum);
    }

    @Override
    public String toString() {
      return Arrays.toString(bounds) + Arrays.toString(cumulativeCounts) + " sum=" + sum;
    }
  }

  /** Reads the text {@link #text()} writes; empty for any other text. */
  public static Optional<Reading> parse(String text) {
    String[] entries = text.trim().split(" ");
    int buckets = entries.length - 1;
    if (buckets < 1 || !entries[buckets].startsWith("sum=")) {
      return Optional.empty();
    }
    double[] bounds = new double[buckets];
    long[] counts = new long[buckets];
    try {
      for (int i = 0; i < buckets; i++) {
        int eq = entries[i].indexOf('=');
        if (eq <= 0) {
          return Optional.empty();
        }
        String bound = entries[i].substring(0, eq);
        bounds[i] = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        counts[i] = Long.parseLong(entries[i].substring(eq + 1));
        if (i > 0 && (bounds[i] <= bounds[i - 1] || counts[i] < counts[i - 1])) {
          return Optional.empty();
        }
      }
      double sum = Double.parseDouble(entries[buckets].substring("sum=".length()));
      return bounds[buckets - 1] == Double.POSITIVE_INFINITY
          ? Optional.of(new Reading(bounds, counts, sum))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
