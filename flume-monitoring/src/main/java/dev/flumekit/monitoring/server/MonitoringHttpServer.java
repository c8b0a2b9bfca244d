package dev.flumekit.monitoring.server;

import dev.flumekit.web.Reply;
import dev.flumekit.web.Routes;
import dev.flumekit.web.WebConfig;
import dev.flumekit.web.WebLimits;
import dev.flumekit.web.WebServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /metrics} (the Prometheus text format) and {@code /health} (JSON; 200 or 503) on
 * flumekit's web server: concurrent scrapes, and no client, however slow, holds another one up.
 */
final class MonitoringHttpServer implements AutoCloseable {
  private final WebServer server;

  MonitoringHttpServer(
      InetSocketAddress address,
      WebConfig web,
      PrometheusRegistry registry,
      Supplier<Health> health)
      throws IOException {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    Routes routes =
        new Routes()
            .on(
                "/metrics",
                () -> {
                  ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
                  writer.write(body, registry.scrape());
                  return Reply.of(200, writer.getContentType(), body.toByteArray());
                })
            .on(
                "/health",
                () -> {
                  Health h = health.get();
                  return Reply.of(
                      h.ok() ? 200 : 503,
                      "application/json",
                      h.json().getBytes(StandardCharsets.UTF_8));
                })
            .on("/", () -> Reply.text(200, "flumekit monitoring: /metrics, /health\n"));
    server = WebServer.start("prometheus", address, web, WebLimits.DEFAULTS, routes);
  }

  int port() {
    return server.port();
  }

  String scheme() {
    return server.scheme();
  }

  @Override
  public void close() {
    server.close();
  }
}
