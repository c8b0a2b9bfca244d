package dev.flumekit.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, as CI installs it) on a loopback
 * port, scraping the given targets every second with the given rule files.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Whether {@code command} is on the PATH. */
  static boolean installed(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  PrometheusServer(Path work, List<Integer> targetPorts, Path rules) throws IOException {
    Files.createDirectories(work);
    Files.copy(rules, work.resolve(rules.getFileName()));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String targets =
        targetPorts.stream().map(p -> "'127.0.0.1:" + p + "'").collect(Collectors.joining(", "));
    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "rule_files:",
            "  - " + rules.getFileName(),
            "scrape_configs:",
            "  - job_name: flumekit",
            "    static_configs:",
            "      - targets: [" + targets + "]",
            ""));
    process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("prometheus.log").toFile())
            .start();
  }

  /** The JSON answer of an instant query, or of {@code /api/v1/<path>} when query is null. */
  String api(String path, String query) throws InterruptedException {
    String uri =
        "http://127.0.0.1:"
            + port
            + "/api/v1/"
            + path
            + (query == null ? "" : "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
