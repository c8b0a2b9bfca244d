package dev.flumekit.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole answer: status, content type, body and extra headers. Bodies are small (a scrape, a
 * page), built before anything is written, so that a handler never waits on its client.
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Map.of());
  }

  public static Reply text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, body, more);
  }
}
