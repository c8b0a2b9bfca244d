package dev.flumekit.interceptor;

import static dev.flumekit.interceptor.Interceptors.build;
import static dev.flumekit.interceptor.Interceptors.counter;
import static dev.flumekit.interceptor.Interceptors.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

class TimestampInterceptorTest {
  private static String millis(String isoOffsetTime) {
    return Long.toString(OffsetDateTime.parse(isoOffsetTime).toInstant().toEpochMilli());
  }

  private static String timestampOf(Interceptor interceptor, String time) {
    return interceptor.intercept(event("x", "time", time)).getHeaders().get("timestamp");
  }

  @Test
  void readsEachKindOfFormat() {
    Interceptor t =
        build(
            new TimestampInterceptor.Builder(),
            "sourceHeader",
            "time",
            "format",
            "epoch_ms || iso8601 || %d/%b/%Y:%H:%M:%S %z || yyyy-MM-dd HH:mm:ss",
            "timezone",
            "Asia/Shanghai");
    assertEquals("1763700000123", timestampOf(t, "1763700000123"));
    assertEquals(millis("2026-11-21T10:00:00Z"), timestampOf(t, "2026-11-21T10:00:00Z"));
    assertEquals(millis("2026-11-21T10:00:00+08:00"), timestampOf(t, "2026-11-21T10:00:00"));
    assertEquals(millis("2000-10-10T13:55:36-07:00"), timestampOf(t, "10/Oct/2000:13:55:36 -0700"));
    assertEquals(millis("2026-11-21T08:30:00+08:00"), timestampOf(t, "2026-11-21 08:30:00"));
    t.close();

    Interceptor seconds =
        build(new TimestampInterceptor.Builder(), "sourceHeader", "time", "format", "epoch_s");
    assertEquals("1763700000500", timestampOf(seconds, "1763700000.5"));
    assertEquals("1763700000000", timestampOf(seconds, "1763700000"));
    seconds.close();
  }

  @Test
  void fallbackPolicies() {
    Interceptor ingest = build(new TimestampInterceptor.Builder(), "sourceHeader", "time");
    long before = System.currentTimeMillis();
    Event e = ingest.intercept(event("x", "time", "yesterday"));
    long stamped = Long.parseLong(e.getHeaders().get("timestamp"));
    assertTrue(stamped >= before && stamped <= System.currentTimeMillis());
    assertEquals(
        "'yesterday' is in none of the formats iso8601", e.getHeaders().get("timestamp_error"));
    Event missing = ingest.intercept(event("x"));
    assertEquals("header time is absent", missing.getHeaders().get("timestamp_error"));
    assertEquals(2, counter(ingest).getEventsFailed());
    ingest.close();

    Interceptor tag =
        build(new TimestampInterceptor.Builder(), "sourceHeader", "time", "onError", "tag");
    Event tagged = tag.intercept(event("x", "time", "32/13/2026"));
    assertNull(tagged.getHeaders().get("timestamp"));
    assertTrue(tagged.getHeaders().containsKey("timestamp_error"));
    tag.close();

    Interceptor drop =
        build(new TimestampInterceptor.Builder(), "sourceHeader", "time", "onError", "drop");
    assertNull(drop.intercept(event("x", "time", "nope")));
    assertEquals(1, counter(drop).getEventsDropped());
    drop.close();
  }

  @Test
  void preserveAndRemove() {
    Interceptor t =
        build(
            new TimestampInterceptor.Builder(),
            "sourceHeader",
            "time",
            "format",
            "epoch_ms",
            "preserveExisting",
            "true",
            "removeSource",
            "true");
    assertEquals(
        Map.of("time", "7", "timestamp", "5"),
        t.intercept(event("x", "time", "7", "timestamp", "5")).getHeaders());
    assertEquals(Map.of("timestamp", "7"), t.intercept(event("x", "time", "7")).getHeaders());
    t.close();
  }

  @Test
  void monthNamesUseTheConfiguredLocale() {
    Interceptor chinese =
        build(
            new TimestampInterceptor.Builder(),
            "sourceHeader",
            "time",
            "format",
            "yyyy MMM d",
            "locale",
            "zh-CN",
            "timezone",
            "UTC");
    assertEquals(millis("2026-11-21T00:00:00Z"), timestampOf(chinese, "2026 11月 21"));
    chinese.close();
  }

  @Test
  void badConfigurationNamesEveryKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                build(
                    new TimestampInterceptor.Builder(),
                    "format",
                    "%Y-%m-%d %Q",
                    "timezone",
                    "Mars/Olympus",
                    "onError",
                    "ignore"));
    assertEquals(
        "Invalid configuration for timestamp interceptor (3 problems):\n"
            + "  - sourceHeader: required, expected a non-empty string\n"
            + "  - timezone = 'Mars/Olympus': expected a time zone id such as UTC, Asia/Shanghai"
            + " or +08:00\n"
            + "  - onError = 'ignore': expected one of ingest, tag, drop, pass",
        e.getMessage());
    ConfigException pattern =
        assertThrows(
            ConfigException.class,
            () ->
                build(
                    new TimestampInterceptor.Builder(),
                    "sourceHeader",
                    "t",
                    "format",
                    "%Y-%m-%d %Q"));
    assertEquals(
        "Invalid configuration for timestamp interceptor (1 problem):\n"
            + "  - format = '%Y-%m-%d %Q': expected epoch_ms, epoch_s, iso8601 or a valid"
            + " strftime/java.time pattern (%Q is not a supported strftime directive)",
        pattern.getMessage());
  }
}
