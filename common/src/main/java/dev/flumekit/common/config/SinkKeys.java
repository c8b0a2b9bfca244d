package dev.flumekit.common.config;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.deadletter.FileLimits;
import dev.flumekit.common.retry.Backoff;
import dev.flumekit.common.retry.RetryPolicy;
import java.util.EnumSet;
import java.util.Set;

/**
 * The keys every flumekit sink (and the Kafka channel) shares, declared once with one name, type
 * and check; each sink supplies only what differs: its defaults and the words that say what it
 * retries or refuses.
 */
public final class SinkKeys {
  /**
   * Where dead letters go unless {@code deadLetter} says otherwise: under the agent user's home, as
   * Flume's TAILDIR keeps its positions ({@code ~/.flume/}), so the default is absolute and
   * writable by whoever runs the agent, never relative to the directory it was started from.
   */
  public static final String DEFAULT_DEAD_LETTER_DIRECTORY = "~/.flume/flumekit/dead-letters";

  private SinkKeys() {}

  /** A channel batch size key: an integer >= 1, 100 unless said otherwise. */
  public static ConfigKey.Builder<Integer> batchSize(String name) {
    return ConfigKey.builder(name, ValueType.INT).defaultValue(100).validator(Validator.atLeast(1));
  }

  /**
   * {@code inFlightBatches}: channel batches a sink delivers at once, each in its own transaction
   * and worker thread ({@link dev.flumekit.common.channel.BatchPipeline}); 1 to 64.
   */
  public static ConfigKey.Builder<Integer> inFlightBatches() {
    return ConfigKey.builder("inFlightBatches", ValueType.INT).validator(Validator.between(1, 64));
  }

  /**
   * {@code deadLetter}: the policy for events that will never be delivered, of the given kinds;
   * {@code file:dead-letters} by default.
   */
  public static ConfigKey<DeadLetterPolicy> deadLetter(
      Set<DeadLetterPolicy.Kind> kinds, String doc) {
    return ConfigKey.builder("deadLetter", DeadLetterPolicy.type(EnumSet.copyOf(kinds)))
        .defaultValue(DeadLetterPolicy.parse("file:" + DEFAULT_DEAD_LETTER_DIRECTORY))
        .doc(doc)
        .build();
  }

  /** The size and age limits of dead-letter files. */
  public record DeadLetterFileKeys(ConfigKey<Long> maxFileBytes, ConfigKey<Integer> retentionDays) {
    public FileLimits read(ComponentConfig c) {
      Long max = c.get(maxFileBytes);
      Integer days = c.get(retentionDays);
      return max == null || days == null ? null : new FileLimits(max, days);
    }
  }

  public static final DeadLetterFileKeys DEAD_LETTER_FILES =
      new DeadLetterFileKeys(
          ConfigKey.builder("deadLetterMaxFileBytes", ValueType.LONG)
              .defaultValue(FileLimits.DEFAULT.maxFileBytes())
              .validator(Validator.atLeast(1024L))
              .doc(
                  "With deadLetter=file:<dir>: a dead-letter file that reached this size is"
                      + " followed by <name>-<day>.<n>.jsonl.")
              .build(),
          ConfigKey.builder("deadLetterRetentionDays", ValueType.INT)
              .defaultValue(FileLimits.DEFAULT.retentionDays())
              .validator(Validator.atLeast(0))
              .doc(
                  "With deadLetter=file:<dir>: dead-letter files last written more than this many"
                      + " days ago are deleted (at start and each new day). 0 keeps them.")
              .build());

  /** {@code maxRetries}, {@code retryBackoffMs} and {@code retryBackoffMaxMs} of one sink. */
  public record RetryKeys(
      ConfigKey<Integer> maxRetries, ConfigKey<Long> backoffMs, ConfigKey<Long> backoffMaxMs) {

    /** The policy these keys set, or null when a problem was reported. */
    public RetryPolicy read(ParsedConfig c, ConfigProblems problems) {
      Long base = c.get(backoffMs);
      Long max = c.get(backoffMaxMs);
      Integer retries = c.get(maxRetries);
      if (base != null && max != null && max < base) {
        problems.invalid(
            backoffMaxMs.name(),
            max.toString(),
            "an integer >= " + backoffMs.name() + " (" + base + ")");
        return null;
      }
      return base == null || max == null || retries == null
          ? null
          : new RetryPolicy(retries, new Backoff(base, max));
    }
  }

  /**
   * The retry keys.
   *
   * @param maxRetriesDoc what is re-sent, on which errors, and what -1 means for this sink
   * @param baseMs default of retryBackoffMs
   * @param maxMs default of retryBackoffMaxMs
   */
  public static RetryKeys retries(String maxRetriesDoc, long baseMs, long maxMs) {
    return new RetryKeys(
        ConfigKey.builder("maxRetries", ValueType.INT)
            .defaultValue(-1)
            .validator(Validator.atLeast(-1))
            .doc(maxRetriesDoc)
            .build(),
        ConfigKey.builder("retryBackoffMs", ValueType.LONG)
            .defaultValue(baseMs)
            .validator(Validator.atLeast(1L))
            .doc("Wait before the first re-send; it doubles on each further try.")
            .build(),
        ConfigKey.builder("retryBackoffMaxMs", ValueType.LONG)
            .defaultValue(maxMs)
            .validator(Validator.atLeast(1L))
            .doc("Longest wait between re-sends; at least retryBackoffMs.")
            .build());
  }
}
