package dev.flumekit.interceptor;

import java.util.Map;
import org.apache.flume.Event;

/**
 * Sets {@code timestamp} (epoch milliseconds) from a header holding the event's own time, so that
 * HDFS paths, HBase buckets and Kafka record times follow event time rather than arrival time.
 * Reads epoch seconds or milliseconds, ISO-8601, strftime and java.time patterns in a fixed zone
 * and locale; an unreadable time falls back to ingest time, a tag, a drop or nothing, as
 * configured.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = time
 * a1.sources.r1.interceptors.time.type = dev.flumekit.interceptor.TimestampInterceptor$Builder
 * a1.sources.r1.interceptors.time.sourceHeader = time
 * a1.sources.r1.interceptors.time.format = %Y-%m-%d %H:%M:%S || epoch_s
 * a1.sources.r1.interceptors.time.timezone = Asia/Shanghai
 * a1.sources.r1.interceptors.time.onError = ingest
 * </pre>
 */
public final class TimestampInterceptor extends CountingInterceptor {
  private final TimestampConfig config;

  private TimestampInterceptor(TimestampConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (config.preserveExisting() && headers.containsKey(config.timestampHeader())) {
      return Outcome.PASSED;
    }
    String text = headers.get(config.sourceHeader());
    String problem;
    if (text == null) {
      problem = "header " + config.sourceHeader() + " is absent";
    } else {
      long millis = config.parser().parse(text.trim());
      if (millis != Long.MIN_VALUE) {
        headers.put(config.timestampHeader(), Long.toString(millis));
        if (config.removeSource()) {
          headers.remove(config.sourceHeader());
        }
        return Outcome.PASSED;
      }
      problem =
          "'" + abbreviate(text) + "' is in none of the formats " + config.parser().toString();
    }
    switch (config.onError()) {
      case INGEST:
        headers.put(config.timestampHeader(), Long.toString(System.currentTimeMillis()));
        headers.put(config.errorHeader(), problem);
        return Outcome.FAILED_PASSED;
      case TAG:
        headers.put(config.errorHeader(), problem);
        return Outcome.FAILED_PASSED;
      case DROP:
        return Outcome.FAILED_DROPPED;
      default:
        return Outcome.FAILED_PASSED;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  /** Builds a {@link TimestampInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<TimestampConfig> {
    public Builder() {
      super(TimestampConfig::parse, TimestampInterceptor::new);
    }
  }
}
