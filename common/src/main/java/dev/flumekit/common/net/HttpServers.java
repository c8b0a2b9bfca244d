package dev.flumekit.common.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server as flumekit's small endpoints use it (the monitoring service, the click
 * dashboard): created without Nagle's delay, answering with whole bodies.
 */
public final class HttpServers {
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {}

  /**
   * A server bound to {@code address}, not started. The JDK's server writes a response's headers
   * and body in two segments; with Nagle's algorithm on, the body waits for the client's delayed
   * ACK: 47 ms a scrape instead of 4 ms, and 5 ms of the agent's CPU instead of well under 1
   * (benchmarks/exporter.sh). The property is read once, when the JDK's server is first used; no
   * other part of a Flume agent uses it.
   */
  public static HttpServer create(InetSocketAddress address) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return HttpServer.create(address, 16);
  }

  /** Answers {@code exchange} with {@code body} (headers only for HEAD) and closes it. */
  public static void respond(HttpExchange exchange, int status, String type, byte[] body)
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
}
