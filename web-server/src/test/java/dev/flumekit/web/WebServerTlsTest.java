package dev.flumekit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.flumekit.testkit.SlowClients;
import dev.flumekit.testkit.TestCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and basic auth from a web config file, with a key and self-signed certificate made by the
 * test and a bcrypt hash as {@code htpasswd -nBC 10} writes it ({@code $2y$}).
 */
class WebServerTlsTest {
  @TempDir Path dir;

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void httpsWithTheRightPasswordIs200TheWrongOne401AndPlainHttpIsRefused() throws Exception {
    TestCertificate certificate = TestCertificate.create("flumekit test");
    certificate.writeCertificate(dir.resolve("server.crt"));
    certificate.writePkcs8Key(dir.resolve("server.key"));
    String hash =
        BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, "scrape-secret".toCharArray());
    Files.writeString(
        dir.resolve("web.yml"),
        String.join(
            "\n",
            "tls_server_config:",
            "  cert_file: server.crt", // relative to the web config file, as the exporters do
            "  key_file: server.key",
            "basic_auth_users:",
            "  prometheus: " + hash,
            ""));
    WebConfig web = WebConfig.load("webConfigFile", dir.resolve("web.yml"));
    assertEquals("TLS (NoClientCert), basic auth (1 user)", web.describe());
    try (WebServer server =
        WebServer.start(
            "tls",
            new InetSocketAddress("127.0.0.1", 0),
            web,
            WebLimits.DEFAULTS,
            new Routes().on("/metrics", () -> Reply.text(200, "up 1\n")))) {
      assertEquals("https", server.scheme());
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingClient()).build();
      URI metrics = URI.create("https://127.0.0.1:" + server.port() + "/metrics");

      HttpResponse<String> right = get(client, metrics, basic("prometheus", "scrape-secret"));
      assertEquals(200, right.statusCode());
      assertEquals("up 1\n", right.body());
      // again: served from the cache of verified credentials, same answer
      assertEquals(200, get(client, metrics, basic("prometheus", "scrape-secret")).statusCode());

      HttpResponse<String> wrong = get(client, metrics, basic("prometheus", "guess"));
      assertEquals(401, wrong.statusCode());
      assertEquals(
          "Basic realm=\"flumekit\", charset=\"UTF-8\"",
          wrong.headers().firstValue("WWW-Authenticate").orElse(""));
      assertEquals(401, get(client, metrics, basic("nobody", "scrape-secret")).statusCode());
      assertEquals(401, get(client, metrics, null).statusCode());
      assertEquals(401, get(client, metrics, "Basic !!!").statusCode());
      assertFalse(wrong.body().contains("prometheus"));

      // plain HTTP on the TLS port: no HTTP answer at all
      assertEquals(
          -1,
          SlowClients.timedGet(
              "127.0.0.1",
              server.port(),
              "/metrics",
              "Authorization: " + basic("prometheus", "scrape-secret") + "\r\n",
              Duration.ofSeconds(2)));
      HttpClient plain = HttpClient.newHttpClient();
      assertThrows(
          IOException.class,
          () ->
              get(
                  plain,
                  URI.create("http://127.0.0.1:" + server.port() + "/metrics"),
                  basic("prometheus", "scrape-secret")));
    }
  }

  @Test
  void slowClientsDoNotDelayAnAuthenticatedScrapeOverTls() throws Exception {
    TestCertificate certificate = TestCertificate.create("flumekit test");
    certificate.writeCertificate(dir.resolve("server.crt"));
    certificate.writePkcs8Key(dir.resolve("server.key"));
    Files.writeString(
        dir.resolve("web.yml"),
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    try (WebServer server =
            WebServer.start(
                "tls",
                new InetSocketAddress("127.0.0.1", 0),
                WebConfig.load("webConfigFile", dir.resolve("web.yml")),
                WebServerTest.ONE_THREAD,
                new Routes().on("/metrics", () -> Reply.text(200, "up 1\n")));
        SlowClients slow = SlowClients.halfRequests("127.0.0.1", server.port(), "/metrics", 2)) {
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingClient()).build();
      URI metrics = URI.create("https://127.0.0.1:" + server.port() + "/metrics");
      for (int i = 0; i < 6; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(1)).build();
        assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      assertTrue(server.port() > 0);
    }
  }

  @Test
  void requireAndVerifyClientCertAcceptsOnlyClientsTheCaSigned() throws Exception {
    TestCertificate server = TestCertificate.create("flumekit test");
    TestCertificate client = TestCertificate.create("prometheus");
    TestCertificate stranger = TestCertificate.create("stranger");
    server.writeCertificate(dir.resolve("server.crt"));
    server.writePkcs8Key(dir.resolve("server.key"));
    client.writeCertificate(dir.resolve("clients.crt")); // self-signed: its own CA
    Files.writeString(
        dir.resolve("web.yml"),
        String.join(
            "\n",
            "tls_server_config:",
            "  cert_file: server.crt",
            "  key_file: server.key",
            "  client_ca_file: clients.crt",
            "  client_auth_type: RequireAndVerifyClientCert",
            "  min_version: TLS13",
            ""));
    try (WebServer web =
        WebServer.start(
            "mtls",
            new InetSocketAddress("127.0.0.1", 0),
            WebConfig.load("webConfigFile", dir.resolve("web.yml")),
            WebLimits.DEFAULTS,
            new Routes().on("/metrics", () -> Reply.text(200, "up 1\n")))) {
      URI metrics = URI.create("https://127.0.0.1:" + web.port() + "/metrics");
      HttpClient signed = HttpClient.newBuilder().sslContext(client.presentedTo(server)).build();
      assertEquals(200, get(signed, metrics, null).statusCode());
      HttpClient unsigned =
          HttpClient.newBuilder().sslContext(stranger.presentedTo(server)).build();
      assertThrows(IOException.class, () -> get(unsigned, metrics, null));
      HttpClient none = HttpClient.newBuilder().sslContext(server.trustingClient()).build();
      assertThrows(IOException.class, () -> get(none, metrics, null));
    }
  }

  private static HttpResponse<String> get(HttpClient client, URI uri, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
