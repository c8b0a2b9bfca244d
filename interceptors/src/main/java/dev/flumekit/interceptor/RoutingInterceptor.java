package dev.flumekit.interceptor;

import dev.flumekit.common.template.HeaderTemplate;
import java.util.Map;
import org.apache.flume.Event;

/**
 * Sets a header (by default {@code topic}, which the Kafka sink routes by) from ordered rules on
 * headers or the body; the first rule that matches wins, else the default. A value whose {@code
 * %{header}} placeholder is absent leaves the header unset and counts the event as failed.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = route
 * a1.sources.r1.interceptors.route.type = dev.flumekit.interceptor.RoutingInterceptor$Builder
 * a1.sources.r1.interceptors.route.rule.1.header = status
 * a1.sources.r1.interceptors.route.rule.1.prefix = 5
 * a1.sources.r1.interceptors.route.rule.1.value = errors
 * a1.sources.r1.interceptors.route.rule.2.header = path
 * a1.sources.r1.interceptors.route.rule.2.prefix = /class/
 * a1.sources.r1.interceptors.route.rule.2.value = clicks
 * a1.sources.r1.interceptors.route.default = access
 * </pre>
 */
public final class RoutingInterceptor extends CountingInterceptor {
  private final RoutingConfig config;

  private RoutingInterceptor(RoutingConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (config.preserveExisting() && headers.containsKey(config.header())) {
      return Outcome.PASSED;
    }
    HeaderTemplate value = config.defaultValue();
    for (Rule<HeaderTemplate> rule : config.rules()) {
      if (rule.condition().matches(event)) {
        value = rule.outcome();
        break;
      }
    }
    if (value == null) {
      return Outcome.PASSED;
    }
    String rendered = value.render(headers);
    if (rendered == null) {
      return Outcome.FAILED_PASSED;
    }
    headers.put(config.header(), rendered);
    return Outcome.PASSED;
  }

  /** Builds a {@link RoutingInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<RoutingConfig> {
    public Builder() {
      super(RoutingConfig::parse, RoutingInterceptor::new);
    }
  }
}
