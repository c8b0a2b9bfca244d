package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.config.SettingsDigest;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InterceptorNamesTest {
  private static final String ACCESS = "dev.flumekit.interceptor.AccessLogInterceptor$Builder";
  private static final String KEY = "dev.flumekit.interceptor.KeyInterceptor$Builder";

  private static AgentLayout layout(String... lines) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(String.join("\n", lines)));
    return AgentLayout.of("a1", AgentFile.of(p));
  }

  private static ComponentReading counter(String name, String type, Map<String, String> settings) {
    return new ComponentReading(
        "INTERCEPTOR",
        name,
        Map.of(
            "BuilderType", type, "SettingsDigest", SettingsDigest.of(settings), "EventsSeen", 1L));
  }

  @Test
  void theLayoutListsEachSourcesInterceptorsWithTheirSettingsDigest() throws IOException {
    AgentLayout layout =
        layout(
            "a1.sources = tail",
            "a1.sources.tail.interceptors = parse  key",
            "a1.sources.tail.interceptors.parse.type = " + ACCESS,
            "a1.sources.tail.interceptors.parse.pathTemplates = /class/{course}.html ",
            "a1.sources.tail.interceptors.key.type = " + KEY);
    assertEquals(
        List.of(
            new AgentLayout.Interceptor(
                "tail",
                "parse",
                ACCESS,
                SettingsDigest.of(Map.of("pathTemplates", "/class/{course}.html"))),
            new AgentLayout.Interceptor("tail", "key", KEY, SettingsDigest.of(Map.of()))),
        layout.interceptors());
  }

  @Test
  void countersNamedByTypeGetTheConfiguredNamesOfTheirSettings() throws IOException {
    AgentLayout layout =
        layout(
            "a1.sources = web api",
            "a1.sources.web.interceptors = webparse",
            "a1.sources.web.interceptors.webparse.type = " + ACCESS,
            "a1.sources.web.interceptors.webparse.pathTemplates = /web/{course}",
            "a1.sources.api.interceptors = apiparse",
            "a1.sources.api.interceptors.apiparse.type = " + ACCESS,
            "a1.sources.api.interceptors.apiparse.pathTemplates = /api/{course}");
    // Flume built api's first: the counter without a suffix is api's
    Map<String, AgentLayout.Interceptor> names =
        InterceptorNames.match(
            layout.interceptors(),
            List.of(
                counter("accesslog-2", ACCESS, Map.of("pathTemplates", "/web/{course}")),
                counter("accesslog", ACCESS, Map.of("pathTemplates", "/api/{course}"))));
    assertEquals("apiparse", names.get("accesslog").name());
    assertEquals("api", names.get("accesslog").source());
    assertEquals("webparse", names.get("accesslog-2").name());
  }

  @Test
  void settingsTheFileDoesNotShowMatchByClassWhenOnlyOneIsLeft() throws IOException {
    AgentLayout layout =
        layout(
            "a1.sources = tail",
            "a1.sources.tail.interceptors = parse key",
            "a1.sources.tail.interceptors.parse.type = " + ACCESS,
            "a1.sources.tail.interceptors.parse.pathTemplates = ${TEMPLATES}",
            "a1.sources.tail.interceptors.key.type = " + KEY);
    Map<String, AgentLayout.Interceptor> names =
        InterceptorNames.match(
            layout.interceptors(),
            List.of(
                counter("accesslog", ACCESS, Map.of("pathTemplates", "/class/{course}")),
                counter("key", KEY, Map.of())));
    assertEquals("parse", names.get("accesslog").name());
    assertEquals("key", names.get("key").name());
  }

  @Test
  void interceptorsConfiguredAlikeInTwoSourcesAreMatchedToNone() throws IOException {
    AgentLayout layout =
        layout(
            "a1.sources = web api",
            "a1.sources.web.interceptors = parse",
            "a1.sources.web.interceptors.parse.type = " + ACCESS,
            "a1.sources.api.interceptors = parse",
            "a1.sources.api.interceptors.parse.type = " + ACCESS);
    assertEquals(
        Map.of(),
        InterceptorNames.match(
            layout.interceptors(),
            List.of(
                counter("accesslog", ACCESS, Map.of()), counter("accesslog-2", ACCESS, Map.of()))));
  }

  @Test
  void aCounterOfAnInterceptorTheFileDoesNotNameKeepsItsOwnName() throws IOException {
    AgentLayout layout = layout("a1.sources = tail");
    assertFalse(
        InterceptorNames.match(
                layout.interceptors(), List.of(counter("accesslog", ACCESS, Map.of())))
            .containsKey("accesslog"));
  }
}
