package dev.flumekit.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogParsingTest {
  /** The shipped collector's access interceptor, as conf/collector.conf sets it. */
  private static final Map<String, String> SHIPPED =
      Map.of(
          "type", "dev.flumekit.interceptor.AccessLogInterceptor$Builder",
          "format", "combined",
          "fields", "client,path,status",
          "pathTemplates", "/class/{course}.html",
          "onError", "tag");

  @Test
  void theShippedKeysGiveTheShippedHeaders() {
    Map<String, String> headers = new HashMap<>();
    boolean kept =
        new AccessLogParsing(SHIPPED)
            .parse(
                bytes(
                    "10.0.0.7 - - [06/Dec/2026:13:55:36 +0800] \"GET /class/130.html HTTP/1.1\""
                        + " 200 512 \"-\" \"curl/8\""),
                headers);
    assertTrue(kept);
    assertEquals(
        Map.of(
            "client", "10.0.0.7",
            "path", "/class/130.html",
            "status", "200",
            "course", "130",
            "timestamp", "1796536536000"),
        headers);
  }

  @Test
  void aLineThatDoesNotParseIsTaggedOrDropped() {
    Map<String, String> tagged = new HashMap<>();
    assertTrue(new AccessLogParsing(SHIPPED).parse(bytes("not an access log line"), tagged));
    assertTrue(tagged.get("parse_error").startsWith("expected"), tagged.toString());

    Map<String, String> dropping = new HashMap<>(SHIPPED);
    dropping.put("onError", "drop");
    assertFalse(new AccessLogParsing(dropping).parse(bytes("garbage"), new HashMap<>()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
