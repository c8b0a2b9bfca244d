package dev.flumekit.source.tail;

import java.util.function.LongSupplier;

/** What every {@link TailedFile} of one source reads with: limits, event factory, counters. */
final class TailReading {
  private final TailSourceConfig config;
  private final EventFactory events;
  private final TailSourceCounter counter;
  private final LongSupplier nanoClock;

  TailReading(
      TailSourceConfig config,
      EventFactory events,
      TailSourceCounter counter,
      LongSupplier nanoClock) {
    this.config = config;
    this.events = events;
    this.counter = counter;
    this.nanoClock = nanoClock;
  }

  EventFactory events() {
    return events;
  }

  TailSourceCounter counter() {
    return counter;
  }

  LongSupplier nanoClock() {
    return nanoClock;
  }

  int maxLineBytes() {
    return config.get(TailSourceConfig.MAX_LINE_BYTES);
  }

  /** Whether symbolic links are tailed (to files their group's glob matches). */
  boolean followSymlinks() {
    return config.get(TailSourceConfig.FOLLOW_SYMLINKS);
  }

  int fingerprintBytes() {
    return config.get(TailSourceConfig.FINGERPRINT_BYTES);
  }

  long multilineFlushNanos() {
    return config.get(TailSourceConfig.MULTILINE_FLUSH_MS) * 1_000_000L;
  }

  /** A multi-line aggregator, or null when events are single lines. */
  MultilineAggregator multiline() {
    boolean start = config.get(TailSourceConfig.MULTILINE_START) != null;
    if (!start && config.get(TailSourceConfig.MULTILINE_CONTINUATION) == null) {
      return null;
    }
    return new MultilineAggregator(
        start ? MultilineAggregator.Mode.START : MultilineAggregator.Mode.CONTINUATION,
        start
            ? config.get(TailSourceConfig.MULTILINE_START)
            : config.get(TailSourceConfig.MULTILINE_CONTINUATION),
        config.get(TailSourceConfig.MULTILINE_MAX_LINES),
        config.get(TailSourceConfig.MULTILINE_MAX_BYTES),
        config.get(TailSourceConfig.CHARSET),
        nanoClock,
        () -> counter.addMultilineSplits(1));
  }
}
