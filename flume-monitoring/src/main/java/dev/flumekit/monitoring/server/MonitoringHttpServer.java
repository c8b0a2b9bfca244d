package dev.flumekit.monitoring.server;

import com.sun.net.httpserver.HttpServer;
import dev.flumekit.common.net.HttpServers;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /metrics} (the Prometheus text format) and {@code /health} (JSON; 200 or 503) over the
 * JDK's HTTP server, on one thread: a scrape is a few milliseconds and scrapers come every few
 * seconds.
 */
final class MonitoringHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  MonitoringHttpServer(
      InetSocketAddress address, PrometheusRegistry registry, Supplier<Health> health)
      throws IOException {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    server = HttpServers.create(address);
    executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-prometheus-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/metrics",
        exchange -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
          writer.write(body, registry.scrape());
          HttpServers.respond(exchange, 200, writer.getContentType(), body.toByteArray());
        });
    server.createContext(
        "/health",
        exchange -> {
          Health h = health.get();
          HttpServers.respond(
              exchange,
              h.ok() ? 200 : 503,
              "application/json",
              h.json().getBytes(StandardCharsets.UTF_8));
        });
    server.createContext(
        "/",
        exchange ->
            HttpServers.respond(
                exchange,
                exchange.getRequestURI().getPath().equals("/") ? 200 : 404,
                "text/plain; charset=utf-8",
                "flumekit monitoring: /metrics, /health\n".getBytes(StandardCharsets.UTF_8)));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
