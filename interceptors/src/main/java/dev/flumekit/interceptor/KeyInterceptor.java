package dev.flumekit.interceptor;

import java.util.Map;
import org.apache.flume.Event;

/**
 * Sets the {@code key} header (the Kafka record key) from a template of headers or a stable hash of
 * them, so that one user's or host's events land in one partition, in order. An event missing a
 * header the key needs gets no key (Kafka then spreads it) and is counted as failed.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = key
 * a1.sources.r1.interceptors.key.type = dev.flumekit.interceptor.KeyInterceptor$Builder
 * a1.sources.r1.interceptors.key.hashOf = client
 * </pre>
 */
public final class KeyInterceptor extends CountingInterceptor {
  private final KeyConfig config;

  private KeyInterceptor(KeyConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (config.preserveExisting() && headers.containsKey(config.header())) {
      return Outcome.PASSED;
    }
    String key = config.template() != null ? config.template().render(headers) : hashKey(headers);
    if (key == null) {
      return Outcome.FAILED_PASSED;
    }
    headers.put(config.header(), key);
    return Outcome.PASSED;
  }

  /** The hash of the hashOf headers, or null if one is absent. */
  private String hashKey(Map<String, String> headers) {
    for (String name : config.hashOf()) {
      if (!headers.containsKey(name)) {
        return null;
      }
    }
    return Hashing.hex(Hashing.ofHeaders(headers, config.hashOf()));
  }

  /** Builds a {@link KeyInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<KeyConfig> {
    public Builder() {
      super(KeyConfig::parse, KeyInterceptor::new);
    }
  }
}
