package dev.flumekit.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;

/** Builds interceptors the way Flume does, from a context of string properties. */
final class Interceptors {
  private Interceptors() {}

  static Interceptor build(Interceptor.Builder builder, String... keyValues) {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    builder.configure(new Context(properties));
    Interceptor interceptor = builder.build();
    interceptor.initialize();
    return interceptor;
  }

  static Event event(String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8), map);
  }

  static InterceptorCounter counter(Interceptor interceptor) {
    return ((CountingInterceptor) interceptor).counter();
  }
}
