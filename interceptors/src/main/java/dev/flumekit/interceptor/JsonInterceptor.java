package dev.flumekit.interceptor;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/**
 * Copies selected fields of a JSON body into headers by dot path, and optionally sets {@code
 * timestamp} from a time field. Scans the body once and builds no object tree; a body that is not
 * JSON is tagged, dropped or passed as configured, and counted.
 *
 * <p>Sample config:
 *
 * <pre>
 * a1.sources.r1.interceptors = json
 * a1.sources.r1.interceptors.json.type = dev.flumekit.interceptor.JsonInterceptor$Builder
 * a1.sources.r1.interceptors.json.field.user = user.id
 * a1.sources.r1.interceptors.json.field.level = level
 * a1.sources.r1.interceptors.json.timeField = ts
 * a1.sources.r1.interceptors.json.timeFormat = epoch_ms
 * </pre>
 */
public final class JsonInterceptor extends CountingInterceptor {
  private final JsonConfig config;

  private JsonInterceptor(JsonConfig config) {
    super(config.name());
    this.config = config;
  }

  @Override
  protected Outcome process(Event event) {
    Map<String, String> found = new HashMap<>();
    byte[] body = event.getBody();
    String problem = config.extractor().extract(body == null ? new byte[0] : body, found);
    if (problem == null && config.timeParser() != null) {
      String time = found.remove(JsonConfig.TIME_SLOT);
      if (time == null) {
        problem = "time field is absent";
      } else {
        long millis = config.timeParser().parse(time.trim());
        if (millis == Long.MIN_VALUE) {
          problem = "time '" + time + "' is in none of the formats " + config.timeParser();
        } else {
          found.put(config.timestampHeader(), Long.toString(millis));
        }
      }
    }
    if (problem != null) {
      return config.onError().apply(event.getHeaders(), config.errorHeader(), problem);
    }
    event.getHeaders().putAll(found);
    return Outcome.PASSED;
  }

  /** Builds a {@link JsonInterceptor} from the interceptor's context. */
  public static final class Builder extends ConfiguredBuilder<JsonConfig> {
    public Builder() {
      super(JsonConfig::parse, JsonInterceptor::new);
    }
  }
}
