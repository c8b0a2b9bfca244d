package dev.flumekit.interceptor;

import org.apache.flume.Event;

/**
 * Parses nginx / Apache httpd access-log lines into headers (client, user, method, path, query,
 * protocol, status, bytes, referer, agent, and any other {@code log_format} variable), and sets
 * {@code timestamp} to the line's own time. Scans the bytes once, without regex; a line that does
 * not parse is tagged, dropped or passed as configured, and counted.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = access
 * a1.sources.r1.interceptors.access.type = dev.flumekit.interceptor.AccessLogInterceptor$Builder
 * a1.sources.r1.interceptors.access.format = combined
 * a1.sources.r1.interceptors.access.pathTemplates = /class/{course}.html
 * a1.sources.r1.interceptors.access.onError = tag
 * </pre>
 */
public final class AccessLogInterceptor extends CountingInterceptor {
  private final AccessLogConfig config;

  private AccessLogInterceptor(AccessLogConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    byte[] body = event.getBody();
    String problem = config.parser().parse(body == null ? new byte[0] : body, event.getHeaders());
    if (problem == null) {
      return Outcome.PASSED;
    }
    return config.onError().apply(event.getHeaders(), config.errorHeader(), problem);
  }

  /** Builds a {@link AccessLogInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<AccessLogConfig> {
    public Builder() {
      super(AccessLogConfig::parse, AccessLogInterceptor::new);
    }
  }
}
