package dev.flumekit.monitoring.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private final HttpServer server;
  private final ExecutorService executor;

  MonitoringHttpServer(
      InetSocketAddress address, PrometheusRegistry registry, Supplier<Health> health)
      throws IOException {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    // The JDK's server writes a response's headers and body in two segments; with Nagle's
    // algorithm on, the body waits for the client's delayed ACK: 47 ms a scrape instead of 4 ms,
    // and 5 ms of the agent's CPU instead of well under 1 (benchmarks/exporter.sh). Read once, when
    // the JDK's server is first used; no other part of a Flume agent uses it.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    server = HttpServer.create(address, 16);
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
          respond(exchange, 200, writer.getContentType(), body.toByteArray());
        });
    server.createContext(
        "/health",
        exchange -> {
          Health h = health.get();
          respond(
              exchange,
              h.ok() ? 200 : 503,
              "application/json",
              h.json().getBytes(StandardCharsets.UTF_8));
        });
    server.createContext(
        "/",
        exchange ->
            respond(
                exchange,
                exchange.getRequestURI().getPath().equals("/") ? 200 : 404,
                "text/plain; charset=utf-8",
                "flumekit monitoring: /metrics, /health\n".getBytes(StandardCharsets.UTF_8)));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
