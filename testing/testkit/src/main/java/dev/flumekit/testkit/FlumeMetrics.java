package dev.flumekit.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An agent's HTTP monitoring ({@code -Dflume.monitoring.type=http}) on a free loopback port. */
public final class FlumeMetrics {
  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();
  private final HttpRequest request;

  private FlumeMetrics(int port) {
    this.port = port;
    this.request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
  }

  public static FlumeMetrics onFreePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return new FlumeMetrics(s.getLocalPort());
    }
  }

  public int port() {
    return port;
  }

  /**
   * The JVM options that turn flumekit's Prometheus monitoring on instead, on the same port and
   * path ({@code /metrics}, in the Prometheus text format; read it with {@link PrometheusText}).
   */
  public List<String> prometheusJvmOptions() {
    return List.of(
        "-Dflume.monitoring.type=dev.flumekit.monitoring.PrometheusServer",
        "-Dflume.monitoring.port=" + port);
  }

  /** The JVM options that turn the monitoring on. */
  public List<String> jvmOptions() {
    return List.of("-Dflume.monitoring.type=http", "-Dflume.monitoring.port=" + port);
  }

  /** The JSON of {@code /metrics} now; the error's text while the agent is not serving yet. */
  public String fetch() throws InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * A counter of one component in a {@code /metrics} JSON ({@code {"SINK.kafka":{"DeadLetterCount":
   * "0",...},...}}), if the component reports it.
   */
  public static OptionalDouble value(String json, String component, String key) {
    Matcher c = Pattern.compile("\"" + Pattern.quote(component) + "\":\\{([^}]*)\\}").matcher(json);
    if (!c.find()) {
      return OptionalDouble.empty();
    }
    Matcher v =
        Pattern.compile("\"" + Pattern.quote(key) + "\":\"([-0-9.E]+)\"").matcher(c.group(1));
    return v.find() ? OptionalDouble.of(Double.parseDouble(v.group(1))) : OptionalDouble.empty();
  }

  /** The JSON of {@code /metrics} once it contains {@code expected}. */
  public String await(String expected, Duration timeout) throws Exception {
    String body = "";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      body = fetch();
      if (body.contains(expected)) {
        return body;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("metrics never showed " + expected + ": " + body);
  }
}
