package dev.flumekit.interceptor;

import static dev.flumekit.interceptor.Interceptors.build;
import static dev.flumekit.interceptor.Interceptors.counter;
import static dev.flumekit.interceptor.Interceptors.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

class HeaderKeyRoutingFilterTest {
  @Test
  void headerOperationsApplyInOrder() {
    Interceptor h =
        build(
            new HeaderInterceptor.Builder(),
            "copy.client",
            "ip",
            "rename.agent",
            "user_agent",
            "set.dc",
            "dc1",
            "set.route",
            "%{method} %{path}",
            "default.user",
            "anonymous",
            "remove",
            "referer, ip");
    Event e =
        event(
            "x", "client", "1.2.3.4", "agent", "curl", "method", "GET", "path", "/", "referer",
            "r");
    Map<String, String> expected = new HashMap<>();
    expected.put("client", "1.2.3.4");
    expected.put("user_agent", "curl");
    expected.put("dc", "dc1");
    expected.put("route", "GET /");
    expected.put("user", "anonymous");
    expected.put("method", "GET");
    expected.put("path", "/");
    assertEquals(expected, h.intercept(e).getHeaders());

    Event partial = h.intercept(event("x", "user", "bob"));
    assertNull(partial.getHeaders().get("route"));
    assertEquals("bob", partial.getHeaders().get("user"));
    assertEquals(1, counter(h).getEventsFailed());
    h.close();
  }

  @Test
  void keysFromTemplateOrStableHash() {
    Interceptor template = build(new KeyInterceptor.Builder(), "template", "%{host}-%{app}");
    assertEquals(
        "h1-web",
        template.intercept(event("x", "host", "h1", "app", "web")).getHeaders().get("key"));
    assertNull(template.intercept(event("x", "host", "h1")).getHeaders().get("key"));
    assertEquals(1, counter(template).getEventsFailed());
    template.close();

    Interceptor hash = build(new KeyInterceptor.Builder(), "hashOf", "user", "header", "k");
    String a = hash.intercept(event("x", "user", "alice")).getHeaders().get("k");
    assertEquals(a, hash.intercept(event("y", "user", "alice")).getHeaders().get("k"));
    assertNotEquals(a, hash.intercept(event("x", "user", "bob")).getHeaders().get("k"));
    assertEquals(16, a.length());
    assertEquals(Hashing.hex(Hashing.ofString("alice")), a, "stable across runs and hosts");
    hash.close();

    ConfigException e =
        assertThrows(ConfigException.class, () -> build(new KeyInterceptor.Builder()));
    assertEquals(
        "Invalid configuration for key interceptor (1 problem):\n"
            + "  - template, hashOf: set exactly one, found neither",
        e.getMessage());
  }

  @Test
  void routingTakesTheFirstMatchingRule() {
    Interceptor r =
        build(
            new RoutingInterceptor.Builder(),
            "rule.1.header",
            "status",
            "rule.1.prefix",
            "5",
            "rule.1.value",
            "errors",
            "rule.2.header",
            "path",
            "rule.2.in",
            "/a, /b",
            "rule.2.value",
            "ab-%{method}",
            "rule.10.bodyContains",
            "ALERT",
            "rule.10.value",
            "alerts",
            "default",
            "access");
    assertEquals("errors", topic(r, event("x", "status", "503", "path", "/a")));
    assertEquals("ab-GET", topic(r, event("x", "status", "200", "path", "/b", "method", "GET")));
    assertEquals("alerts", topic(r, event("xx ALERT yy", "status", "200")));
    assertEquals("access", topic(r, event("x", "status", "200")));
    assertNull(topic(r, event("x", "path", "/a")), "template header absent: unset, counted");
    assertEquals(1, counter(r).getEventsFailed());
    r.close();
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void aCatastrophicRuleCannotStallTheSourceOnAHostileLine() {
    Interceptor r =
        build(
            new RoutingInterceptor.Builder(),
            "rule.1.header",
            "agent",
            "rule.1.regex",
            "(a+)+$",
            "rule.1.value",
            "bots",
            "rule.2.bodyRegex",
            "(x+x+)+y",
            "rule.2.value",
            "odd",
            "default",
            "access");
    // with java.util.regex each of these backtracks about 2^n steps: minutes for n = 40
    assertEquals("access", topic(r, event("x".repeat(50_000), "agent", "a".repeat(50_000) + "!")));
    assertEquals("bots", topic(r, event("x", "agent", "aaa")));
    r.close();
  }

  private static String topic(Interceptor r, Event e) {
    return r.intercept(e).getHeaders().get("topic");
  }

  @Test
  void routingConfigurationErrorsNameTheRuleKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                build(
                    new RoutingInterceptor.Builder(),
                    "rule.1.header",
                    "status",
                    "rule.1.value",
                    "x",
                    "rule.2.equals",
                    "a",
                    "rule.2.prefix",
                    "b",
                    "rule.2.value",
                    "y",
                    "rule.3.regex",
                    "(",
                    "rule.3.header",
                    "h",
                    "rule.3.colour",
                    "blue",
                    "rule.x.header",
                    "h"));
    assertEquals(
        "Invalid configuration for routing interceptor (6 problems):\n"
            + "  - rule.x.header: expected rule.<n>.<property> with n a positive integer, e.g."
            + " rule.1.header\n"
            + "  - rule.1.*: expected exactly one test (equals, prefix, suffix, contains, in, regex,"
            + " exists with header, or bodyPrefix, bodyContains, bodyRegex), found none\n"
            + "  - rule.2.*: expected exactly one test (equals, prefix, suffix, contains, in, regex,"
            + " exists with header, or bodyPrefix, bodyContains, bodyRegex), found equals, prefix\n"
            + "  - rule.3.colour: unknown rule property; expected one of header, equals, prefix,"
            + " suffix, contains, in, regex, exists, bodyPrefix, bodyContains, bodyRegex, value\n"
            + "  - rule.3.regex = '(': expected a Java regular expression (Unclosed group)\n"
            + "  - rule.3.value: required, expected a value, %{header} placeholders allowed",
        e.getMessage());
  }

  @Test
  void filterRulesThenSamplingThenDedup() throws Exception {
    Interceptor f =
        build(
            new FilterInterceptor.Builder(),
            "rule.1.action",
            "exclude",
            "rule.1.header",
            "path",
            "rule.1.prefix",
            "/static/",
            "rule.2.action",
            "include",
            "rule.2.header",
            "status",
            "rule.2.exists",
            "true",
            "defaultAction",
            "exclude");
    assertNull(f.intercept(event("x", "path", "/static/a.js", "status", "200")));
    assertTrue(f.intercept(event("x", "path", "/a", "status", "200")) != null);
    assertNull(f.intercept(event("x", "path", "/a")));
    assertEquals(2, counter(f).getEventsDropped());
    f.close();

    Interceptor sample =
        build(new FilterInterceptor.Builder(), "sampleRate", "10", "sampleHeader", "user");
    List<Event> batch = new ArrayList<>();
    for (int user = 0; user < 1000; user++) {
      for (int repeat = 0; repeat < 3; repeat++) {
        batch.add(event("e" + repeat, "user", "u" + user));
      }
    }
    List<Event> kept = sample.intercept(batch);
    assertEquals(0, kept.size() % 3, "a user's events are kept or dropped together");
    assertTrue(kept.size() > 3 * 60 && kept.size() < 3 * 140, "about 1 in 10: " + kept.size());
    sample.close();

    Interceptor dedup =
        build(new FilterInterceptor.Builder(), "dedupWindowMs", "300", "dedupMaxEntries", "2");
    assertTrue(dedup.intercept(event("a")) != null);
    assertNull(dedup.intercept(event("a")));
    assertTrue(dedup.intercept(event("b")) != null);
    assertTrue(dedup.intercept(event("c")) != null);
    assertTrue(dedup.intercept(event("a")) != null, "forgotten: at most 2 entries are kept");
    Thread.sleep(350);
    assertTrue(dedup.intercept(event("c")) != null, "outside the window");
    dedup.close();
  }
}
