package dev.flumekit.interceptor;

import static dev.flumekit.interceptor.Interceptors.build;
import static dev.flumekit.interceptor.Interceptors.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flumekit.common.config.ConfigException;
import java.util.Map;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

class JsonInterceptorTest {
  private static Map<String, String> headersOf(Interceptor i, String body) {
    return i.intercept(event(body)).getHeaders();
  }

  @Test
  void extractsValuesByDotPath() {
    Interceptor json =
        build(
            new JsonInterceptor.Builder(),
            "field.user",
            "user.id",
            "field.name",
            "user.name",
            "field.sku",
            "items.1.sku",
            "field.tags",
            "tags",
            "field.ok",
            "ok",
            "field.gone",
            "missing.path",
            "field.nothing",
            "nothing",
            "timeField",
            "ts",
            "timeFormat",
            "epoch_ms");
    String body =
        " {\"level\":\"info\",\"user\":{\"name\":\"Zo\\u00eb \\\"Z\\\"\",\"id\":42,\"x\":[1,{\"y\":2}]},"
            + "\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\",\"n\":1.5e3}],\"tags\":[\"x\", \"y\"],"
            + "\"ok\":true,\"nothing\":null,\"ts\":1763700000123}\n";
    assertEquals(
        Map.of(
            "user", "42",
            "name", "Zoë \"Z\"",
            "sku", "b",
            "tags", "[\"x\", \"y\"]",
            "ok", "true",
            "timestamp", "1763700000123"),
        headersOf(json, body));
    json.close();
  }

  @Test
  void invalidJsonIsTaggedWithoutPartialHeaders() {
    Interceptor json = build(new JsonInterceptor.Builder(), "field.a", "a", "field.b", "b");
    assertEquals(
        Map.of("parse_error", "invalid JSON: expected , or } at byte 9"),
        headersOf(json, "{\"a\":\"1\" \"b\":2}"));
    assertEquals(
        Map.of("parse_error", "invalid JSON: unterminated string starting at byte 5"),
        headersOf(json, "{\"a\":\"1}"));
    assertEquals(
        Map.of("parse_error", "invalid JSON: text after the document at byte 10"),
        headersOf(json, "{\"a\":\"1\"} trailing"));
    assertEquals(Map.of("parse_error", "empty body is not JSON"), headersOf(json, ""));
    assertEquals(
        Map.of("parse_error", "invalid JSON: document ends at byte 100001"),
        headersOf(json, "{\"z\":" + "[".repeat(99_996)));
    json.close();
  }

  @Test
  void missingTimeFieldIsAnError() {
    Interceptor json = build(new JsonInterceptor.Builder(), "timeField", "t", "onError", "drop");
    assertEquals(null, json.intercept(event("{\"x\":1}")));
    json.close();
  }

  @Test
  void badConfiguration() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> build(new JsonInterceptor.Builder(), "field.a", "a..b", "timeFormat", "%K"));
    assertEquals(
        "Invalid configuration for JSON interceptor (1 problem):\n"
            + "  - field.a = 'a..b': expected a dot path such as user.id",
        e.getMessage());
    ConfigException none =
        assertThrows(ConfigException.class, () -> build(new JsonInterceptor.Builder()));
    assertEquals(
        "Invalid configuration for JSON interceptor (1 problem):\n"
            + "  - field.<header>: at least one, or timeField, expected; none is set",
        none.getMessage());
  }
}
