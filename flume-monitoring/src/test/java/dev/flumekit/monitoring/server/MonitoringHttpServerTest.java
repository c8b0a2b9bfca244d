package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.web.WebConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The exporter's routes on the web server, over a real socket. */
class MonitoringHttpServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsHealthAndAnIndex() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        () ->
            CounterSnapshot.builder()
                .name("flume_test")
                .help("a test counter")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(3).build())
                .build());
    AtomicReference<Health> health = new AtomicReference<>(new Health(List.of(), 2, Set.of()));
    try (MonitoringHttpServer server =
        new MonitoringHttpServer(
            new InetSocketAddress("127.0.0.1", 0), WebConfig.NONE, registry, health::get)) {
      assertEquals("http", server.scheme());
      HttpResponse<String> metrics = get(server.port(), "/metrics", "GET");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("flume_test_total 3.0"), metrics.body());
      assertTrue(
          metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
          metrics.headers().toString());

      HttpResponse<String> head = get(server.port(), "/metrics", "HEAD");
      assertEquals(200, head.statusCode());
      assertEquals("", head.body());

      HttpResponse<String> ok = get(server.port(), "/health", "GET");
      assertEquals(200, ok.statusCode());
      assertTrue(ok.body().startsWith("{\"status\":\"ok\",\"components\":2,"), ok.body());
      health.set(new Health(List.of("sink k1 is configured but not running"), 2, Set.of()));
      HttpResponse<String> failing = get(server.port(), "/health", "GET");
      assertEquals(503, failing.statusCode());
      assertTrue(failing.body().contains("sink k1 is configured but not running"), failing.body());

      assertEquals(200, get(server.port(), "/", "GET").statusCode());
      assertEquals(404, get(server.port(), "/nothing", "GET").statusCode());
    }
  }
}
