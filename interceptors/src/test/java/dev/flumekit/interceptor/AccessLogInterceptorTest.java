package dev.flumekit.interceptor;

import static dev.flumekit.interceptor.Interceptors.build;
import static dev.flumekit.interceptor.Interceptors.counter;
import static dev.flumekit.interceptor.Interceptors.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogInterceptorTest {
  static final String COMBINED =
      "203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] \"GET /class/130.html?from=home HTTP/1.1\""
          + " 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";

  private final List<Interceptor> open = new ArrayList<>();

  private Interceptor accessLog(String... keyValues) {
    Interceptor interceptor = build(new AccessLogInterceptor.Builder(), keyValues);
    open.add(interceptor);
    return interceptor;
  }

  @AfterEach
  void close() {
    open.forEach(Interceptor::close);
  }

  private static Map<String, String> headersOf(Interceptor interceptor, String line) {
    return interceptor.intercept(event(line)).getHeaders();
  }

  private static long epochMillis(String isoOffsetTime) {
    return OffsetDateTime.parse(isoOffsetTime).toInstant().toEpochMilli();
  }

  @Test
  void combinedLineBecomesHeadersWithEventTime() {
    Map<String, String> h = headersOf(accessLog(), COMBINED);
    Map<String, String> expected = new HashMap<>();
    expected.put("client", "203.0.113.9");
    expected.put("user", "alice");
    expected.put("method", "GET");
    expected.put("path", "/class/130.html");
    expected.put("query", "from=home");
    expected.put("protocol", "HTTP/1.1");
    expected.put("status", "200");
    expected.put("bytes", "2326");
    expected.put("referer", "http://www.example.com/start.html");
    expected.put("agent", "Mozilla/4.08 [en] (Win98; I ;Nav)");
    expected.put("timestamp", Long.toString(epochMillis("2000-10-10T13:55:36-07:00")));
    assertEquals(expected, h);
  }

  @Test
  void dashesAreAbsentFieldsAndIpv6IsAnAddress() {
    Map<String, String> h =
        headersOf(
            accessLog(),
            "2001:db8::ff00:42:8329 - - [21/Nov/2026:08:00:00 +0800] \"HEAD / HTTP/2.0\" 304 -"
                + " \"-\" \"-\"");
    assertEquals("2001:db8::ff00:42:8329", h.get("client"));
    assertEquals("/", h.get("path"));
    assertEquals("304", h.get("status"));
    assertEquals(Long.toString(epochMillis("2026-11-21T00:00:00Z")), h.get("timestamp"));
    for (String absent : List.of("user", "bytes", "referer", "agent", "query", "parse_error")) {
      assertNull(h.get(absent), absent);
    }
  }

  @Test
  void quotesInsideTheUserAgentStayInTheUserAgent() {
    String escaped =
        "1.2.3.4 - - [21/Nov/2026:08:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\""
            + " \"Mozilla \\\"quoted\\\" and \\x22hex\\x22\"";
    assertEquals(
        "Mozilla \\\"quoted\\\" and \\x22hex\\x22", headersOf(accessLog(), escaped).get("agent"));
    String unescaped =
        "1.2.3.4 - - [21/Nov/2026:08:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\""
            + " \"bad\"bot\"/1.0 (x)\"";
    assertEquals("bad\"bot\"/1.0 (x)", headersOf(accessLog(), unescaped).get("agent"));
  }

  @Test
  void fieldsAppendedAfterAKnownFormatAreIgnored() {
    Map<String, String> h = headersOf(accessLog(), COMBINED + " \"198.51.100.1\" 0.012");
    assertEquals("Mozilla/4.08 [en] (Win98; I ;Nav)", h.get("agent"));
    assertNull(h.get("parse_error"));
  }

  @Test
  void aLineMayEndAfterTheStatusButNotBefore() {
    String common =
        "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326";
    Map<String, String> h = headersOf(accessLog(), common);
    assertEquals("2326", h.get("bytes"));
    assertNull(h.get("referer"));
    assertNull(h.get("parse_error"));
    assertNull(headersOf(accessLog(), common + " \"-\"").get("parse_error"));

    Map<String, String> truncated =
        headersOf(accessLog(), "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apac");
    assertEquals("unterminated quoted $request at byte 48", truncated.get("parse_error"));
    assertEquals(Map.of("parse_error", "unterminated quoted $request at byte 48"), truncated);
  }

  @Test
  void aCombinedLineReadAsCommonKeepsItsCommonFields() {
    Map<String, String> h = headersOf(accessLog("format", "common"), COMBINED);
    assertEquals("2326", h.get("bytes"));
    assertNull(h.get("parse_error"));
    assertNull(h.get("agent"));
  }

  @Test
  void customLogFormatWithRequestTimeAndOtherVariables() {
    Interceptor interceptor =
        accessLog(
            "format",
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_addr",
            "headerPrefix",
            "http_");
    Map<String, String> h = headersOf(interceptor, COMBINED + " 0.005 10.0.0.7:8080");
    assertEquals("0.005", h.get("http_request_time"));
    assertEquals("10.0.0.7:8080", h.get("http_upstream_addr"));
    assertEquals("GET", h.get("http_method"));
    assertTrue(h.containsKey("timestamp"));
  }

  @Test
  void isoTimeAndCommonFormat() {
    Interceptor interceptor =
        accessLog("format", "$remote_addr [$time_iso8601] \"$request\" $status");
    Map<String, String> h =
        headersOf(interceptor, "10.1.1.1 [2026-11-21T13:55:36+08:00] \"POST /api HTTP/1.1\" 201");
    assertEquals(Long.toString(epochMillis("2026-11-21T13:55:36+08:00")), h.get("timestamp"));
    assertEquals("POST", h.get("method"));
  }

  @Test
  void pathTemplatesExtractTheFirstMatch() {
    Interceptor interceptor =
        accessLog("pathTemplates", "/video/{video}, /class/{course}.html, /{section}/{id}.html");
    assertEquals("130", headersOf(interceptor, COMBINED).get("course"));
    Map<String, String> other = headersOf(interceptor, COMBINED.replace("/class/130", "/news/7"));
    assertEquals("news", other.get("section"));
    assertEquals("7", other.get("id"));
    assertNull(other.get("course"));
    Map<String, String> none =
        headersOf(interceptor, COMBINED.replace("/class/130.html", "/class/1/2.html"));
    assertNull(none.get("course"));
  }

  @Test
  void fieldsSelectsHeaders() {
    Map<String, String> h =
        headersOf(accessLog("fields", "status,path", "timestampHeader", ""), COMBINED);
    assertEquals(Map.of("status", "200", "path", "/class/130.html"), h);
  }

  @Test
  void monthsAreEnglishWhateverTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
    try {
      assertEquals(
          Long.toString(epochMillis("2000-10-10T13:55:36-07:00")),
          headersOf(accessLog(), COMBINED).get("timestamp"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void badTimesAreParseErrors() {
    Interceptor interceptor = accessLog();
    assertEquals(
        "$time_local is not a valid time: '10/Foo/2000:13:55:36 -0700'",
        headersOf(interceptor, COMBINED.replace("Oct", "Foo")).get("parse_error"));
    assertEquals(
        "$time_local is not a valid time: '10/Oct/2000:13:55:36 +2500'",
        headersOf(interceptor, COMBINED.replace("-0700", "+2500")).get("parse_error"));
    assertEquals(
        "$time_local is not a valid time: '31/Feb/2000:13:55:36 -0700'",
        headersOf(interceptor, COMBINED.replace("10/Oct", "31/Feb")).get("parse_error"));
    assertEquals(
        "$time_local is not a valid time: '10/Oct/2000:13:55:36 CEST'",
        headersOf(interceptor, COMBINED.replace("-0700", "CEST")).get("parse_error"));
  }

  @Test
  void hostileLinesAreTaggedWithAReason() {
    Interceptor interceptor = accessLog();
    assertEquals(
        "expected \" - \" after $remote_addr but the line ends",
        headersOf(interceptor, "").get("parse_error"));
    assertEquals(
        "expected \" - \" after $remote_addr but found byte 5",
        headersOf(interceptor, "hello world").get("parse_error"));
    assertEquals(
        "$status is not a number: 'OK'",
        headersOf(interceptor, COMBINED.replace(" 200 ", " OK ")).get("parse_error"));

    byte[] binary = new byte[300];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 37);
    }
    Event event = EventBuilder.withBody(binary, new HashMap<>());
    assertTrue(interceptor.intercept(event).getHeaders().containsKey("parse_error"));

    byte[] huge = new byte[1 << 20];
    Arrays.fill(huge, (byte) 'a');
    Event big = EventBuilder.withBody(huge, new HashMap<>());
    assertEquals(
        Map.of("parse_error", "line of 1048576 bytes is longer than maxLineLength 65536"),
        interceptor.intercept(big).getHeaders());
  }

  @Test
  void aRequestLineThatDoesNotSplitIsKeptWhole() {
    Map<String, String> h =
        headersOf(
            accessLog(),
            COMBINED.replace("GET /class/130.html?from=home HTTP/1.1", "\\x16\\x03\\x01"));
    assertEquals("\\x16\\x03\\x01", h.get("request"));
    assertNull(h.get("method"));
    assertNull(h.get("parse_error"));
  }

  @Test
  void policiesDecideAndEveryOutcomeIsCounted() {
    Interceptor drop = accessLog("onError", "drop");
    List<Event> batch = new ArrayList<>();
    batch.add(event(COMBINED));
    batch.add(event("garbage"));
    batch.add(event(COMBINED));
    List<Event> kept = drop.intercept(batch);
    assertEquals(2, kept.size());
    assertEquals(3, counter(drop).getEventsSeen());
    assertEquals(2, counter(drop).getEventsPassed());
    assertEquals(1, counter(drop).getEventsDropped());
    assertEquals(1, counter(drop).getEventsFailed());

    Interceptor pass = accessLog("onError", "pass", "name", "pass-test");
    Event untouched =
        event("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" abc", "x", "y");
    assertSame(untouched, pass.intercept(untouched));
    assertEquals(Map.of("x", "y"), untouched.getHeaders(), "a failed line leaves no headers");
    assertEquals(1, counter(pass).getEventsFailed());
    assertEquals(1, counter(pass).getEventsPassed());

    List<Event> all = List.of(event(COMBINED), event(COMBINED));
    assertSame(all, accessLog().intercept(all), "an all-kept batch is returned as it is");
  }

  @Test
  void counterNamesStayUnique() {
    Interceptor first = accessLog("name", "web");
    Interceptor second = accessLog("name", "web");
    assertEquals("web", counter(first).name());
    assertEquals("web-2", counter(second).name());
  }

  @Test
  void badConfigurationNamesEveryKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                build(
                    new AccessLogInterceptor.Builder(),
                    "format",
                    "no variables here",
                    "onError",
                    "explode",
                    "maxLineLength",
                    "0",
                    "pathTemplates",
                    "/class/{course.html",
                    "fieldz",
                    "status"));
    assertEquals(
        "Invalid configuration for access-log interceptor (5 problems):\n"
            + "  - format = 'no variables here': expected combined, common, or an nginx log_format"
            + " of $variables separated by text\n"
            + "  - pathTemplates = '/class/{course.html': expected a comma-separated list of paths"
            + " with {captures}, e.g. /class/{course}.html\n"
            + "  - onError = 'explode': expected one of tag, drop, pass\n"
            + "  - maxLineLength = '0': expected an integer >= 1\n"
            + "  - fieldz: unknown key (did you mean fields?)",
        e.getMessage());

    ConfigException fields =
        assertThrows(
            ConfigException.class,
            () -> build(new AccessLogInterceptor.Builder(), "format", "common", "fields", "agent"));
    assertEquals(
        "Invalid configuration for access-log interceptor (1 problem):\n"
            + "  - fields = 'agent': expected headers of the format (client, user, method, path,"
            + " query, protocol, request, status, bytes); agent is not",
        fields.getMessage());
  }

  @Test
  void utf8ValuesDecode() {
    String line = COMBINED.replace("/class/130.html", "/课程/130.html");
    assertEquals("/课程/130.html", headersOf(accessLog(), line).get("path"));
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertTrue(bytes.length > line.length());
  }
}
