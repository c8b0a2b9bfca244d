package dev.flumekit.interceptor;

import org.apache.flume.Event;

/**
 * Keeps or removes events: first by ordered include/exclude rules on headers or the body, then by
 * deterministic sampling (1 in N by a hash of a header, so a user's events stay together), then by
 * deduplication within a time window in bounded memory. Every removal is counted as dropped.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = filter
 * a1.sources.r1.interceptors.filter.type = dev.flumekit.interceptor.FilterInterceptor$Builder
 * a1.sources.r1.interceptors.filter.rule.1.action = exclude
 * a1.sources.r1.interceptors.filter.rule.1.header = path
 * a1.sources.r1.interceptors.filter.rule.1.prefix = /static/
 * a1.sources.r1.interceptors.filter.sampleRate = 10
 * a1.sources.r1.interceptors.filter.sampleHeader = client
 * a1.sources.r1.interceptors.filter.dedupWindowMs = 60000
 * </pre>
 */
public final class FilterInterceptor extends CountingInterceptor {
  private final FilterConfig config;
  private final RecentlySeen recentlySeen;

  private FilterInterceptor(FilterConfig config) {
    super(config.name());
    this.config = config;
    this.recentlySeen =
        config.dedupWindowMs() > 0
            ? new RecentlySeen(config.dedupWindowMs(), config.dedupMaxEntries())
            : null;
  }

  @Override
  protected Outcome process(Event event) {
    boolean include = config.defaultInclude();
    for (Rule<Boolean> rule : config.rules()) {
      if (rule.condition().matches(event)) {
        include = rule.outcome();
        break;
      }
    }
    if (!include) {
      return Outcome.DROPPED;
    }
    if (config.sampleRate() > 1
        && Long.remainderUnsigned(hash(event, config.sampleHeader()), config.sampleRate()) != 0) {
      return Outcome.DROPPED;
    }
    if (recentlySeen != null
        && recentlySeen.seenRecently(
            hash(event, config.dedupHeader()), System.currentTimeMillis())) {
      return Outcome.DROPPED;
    }
    return Outcome.PASSED;
  }

  private static long hash(Event event, String header) {
    if (header == null) {
      return Hashing.ofBytes(event.getBody());
    }
    String value = event.getHeaders().get(header);
    return value == null ? Hashing.ofBytes(event.getBody()) : Hashing.ofString(value);
  }

  /** Builds a {@link FilterInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<FilterConfig> {
    public Builder() {
      super(FilterConfig::parse, FilterInterceptor::new);
    }
  }
}
