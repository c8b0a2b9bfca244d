package dev.flumekit.interceptor;

import dev.flumekit.common.template.HeaderTemplate;
import java.util.Map;
import org.apache.flume.Event;

/**
 * Copies, renames, sets (static values or {@code %{header}} templates), defaults and removes
 * headers, in that order. An event whose template names an absent header keeps that header as it
 * was and is counted as failed.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = headers
 * a1.sources.r1.interceptors.headers.type = dev.flumekit.interceptor.HeaderInterceptor$Builder
 * a1.sources.r1.interceptors.headers.copy.client = ip
 * a1.sources.r1.interceptors.headers.rename.agent = user_agent
 * a1.sources.r1.interceptors.headers.set.datacenter = dc1
 * a1.sources.r1.interceptors.headers.set.route = %{method} %{path}
 * a1.sources.r1.interceptors.headers.default.user = anonymous
 * a1.sources.r1.interceptors.headers.remove = referer
 * </pre>
 */
public final class HeaderInterceptor extends CountingInterceptor {
  private final HeaderConfig config;

  private HeaderInterceptor(HeaderConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    Map<String, String> headers = event.getHeaders();
    for (Map.Entry<String, String> copy : config.copies().entrySet()) {
      String value = headers.get(copy.getKey());
      if (value != null) {
        headers.put(copy.getValue(), value);
      }
    }
    for (Map.Entry<String, String> rename : config.renames().entrySet()) {
      String value = headers.remove(rename.getKey());
      if (value != null) {
        headers.put(rename.getValue(), value);
      }
    }
    boolean failed = false;
    for (Map.Entry<String, HeaderTemplate> set : config.sets().entrySet()) {
      failed |= !put(headers, set.getKey(), set.getValue());
    }
    for (Map.Entry<String, HeaderTemplate> fallback : config.defaults().entrySet()) {
      if (!headers.containsKey(fallback.getKey())) {
        failed |= !put(headers, fallback.getKey(), fallback.getValue());
      }
    }
    for (String header : config.removals()) {
      headers.remove(header);
    }
    return failed ? Outcome.FAILED_PASSED : Outcome.PASSED;
  }

  private static boolean put(Map<String, String> headers, String header, HeaderTemplate template) {
    String value = template.render(headers);
    if (value == null) {
      return false;
    }
    headers.put(header, value);
    return true;
  }

  /** Builds a {@link HeaderInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<HeaderConfig> {
    public Builder() {
      super(HeaderConfig::parse, HeaderInterceptor::new);
    }
  }
}
