package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusMonitorServiceTest {
  /** bcrypt (cost 4) of "scrape". */
  private static final String HASH = "$2y$04$AikS5zoFL9f833w0IaGxR.gbGsZnBlarmLavo5zNbls31KZmtKj0W";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private int status(int port, String password) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
    if (password != null) {
      String credentials = "prometheus:" + password;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Flume starts its monitoring service again at every configuration reload: a web config file
   * broken since the agent started must not stop a running agent (nor serve without its
   * authentication); the monitoring keeps the web config it started with.
   */
  @Test
  void aReloadKeepsTheWebConfigItStartedWithWhenTheFileBrokeSince() throws Exception {
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users:\n  prometheus: " + HASH + "\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Context context =
        new Context(
            Map.of(
                "port",
                String.valueOf(port),
                "bind",
                "127.0.0.1",
                "agent",
                "a1",
                "webConfigFile",
                web.toString()));
    PrometheusMonitorService first = new PrometheusMonitorService();
    first.configure(context);
    first.start();
    try {
      assertEquals(401, status(port, null));
      assertEquals(200, status(port, "scrape"));
    } finally {
      first.stop();
    }

    Files.writeString(web, "basic_auth_users:\n  prometheus: not-a-hash\n");
    PrometheusMonitorService reloaded = new PrometheusMonitorService();
    reloaded.configure(context);
    reloaded.start();
    try {
      assertEquals(401, status(port, null));
      assertEquals(200, status(port, "scrape"));
    } finally {
      reloaded.stop();
    }
  }
}
