package dev.flumekit.tools.top;

import dev.flumekit.tools.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code bin/flumekit-agent top --url http://HOST:PORT [--url ...] [--interval 2] [--once]}: reads
 * each agent's {@code /metrics} and {@code /health} (flumekit's Prometheus exporter) every interval
 * and redraws a table per agent in the terminal (plain ANSI: clear and write). With {@code --once},
 * or when there is no terminal, prints one frame after two readings and exits: 0, or 1 when an
 * agent did not answer; 2 on a usage error.
 */
public final class AgentTop {
  private static final String CLEAR = "\033[H\033[2J";
  private static final String USAGE =
      "usage: flumekit-agent top --url http://HOST:PORT [--url ...] [--interval SECONDS] [--once]";

  private final List<String> urls;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** The last reading of each agent that answered, for the rates. */
  private final Map<String, AgentScrape> previous = new HashMap<>();

  private AgentTop(List<String> urls) {
    this.urls = urls;
  }

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal)
      throws InterruptedException {
    List<String> urls = new ArrayList<>();
    long intervalMs = 2000;
    boolean once = !terminal;
    for (CommandLine.Option option : CommandLine.parse(args, Set.of("--once")).options()) {
      String a = option.name();
      if (a.equals("--once")) {
        once = true;
        continue;
      }
      if (!option.complete() || !(a.equals("--url") || a.equals("--interval"))) {
        err.println("top: unknown or incomplete option " + a);
        err.println(USAGE);
        return 2;
      }
      String value = option.value();
      if (a.equals("--url")) {
        if (!value.matches("https?://[^/\\s]+/?")) {
          err.println(
              "top: --url '"
                  + value
                  + "' is not http://HOST:PORT, the agent's monitoring address"
                  + " (-Dflume.monitoring.port; 41414 for the shipped collector)");
          return 2;
        }
        urls.add(value.replaceAll("/$", ""));
      } else {
        try {
          intervalMs = Math.round(Double.parseDouble(value) * 1000);
        } catch (NumberFormatException e) {
          intervalMs = -1;
        }
        if (intervalMs < 100) {
          err.println("top: --interval '" + value + "' is not a number of seconds >= 0.1, e.g. 2");
          return 2;
        }
      }
    }
    if (urls.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    AgentTop top = new AgentTop(urls);
    top.read();
    while (true) {
      Thread.sleep(intervalMs);
      List<AgentView> views = top.read();
      String title =
          "flumekit top  "
              + ZonedDateTime.now(ZoneOffset.UTC)
                  .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                  .substring(0, 19)
              + " UTC  rates over "
              + intervalMs / 1000.0
              + " s"
              + (once ? "" : "  (Ctrl-C quits)");
      out.print((once ? "" : CLEAR) + TopFrame.render(views, title));
      out.flush();
      if (once) {
        return views.stream().anyMatch(v -> v.unreachable() != null) ? 1 : 0;
      }
    }
  }

  /** Every agent read once, at the same time; rates against each one's previous reading. */
  private List<AgentView> read() {
    List<CompletableFuture<AgentView>> reads = new ArrayList<>();
    for (String url : urls) {
      reads.add(
          get(url + "/metrics")
              .thenCombine(
                  get(url + "/health").handle((h, e) -> e == null ? h : null),
                  (metrics, health) -> view(url, metrics, health))
              .exceptionally(e -> AgentView.unreachable(url, reason(e))));
    }
    return reads.stream().map(CompletableFuture::join).toList();
  }

  private AgentView view(String url, String metrics, String health) {
    AgentScrape now = AgentScrape.of(PrometheusText.parse(metrics), System.nanoTime());
    AgentScrape before = previous.put(url, now);
    HealthText h = health == null ? new HealthText(null, List.of()) : HealthText.parse(health);
    return new AgentView(
        url, now.agent(), ComponentRow.between(before, now), h.status(), h.problems(), null);
  }

  /** The body of a GET; any status but 200 fails, except for /health, which says 503 failing. */
  private CompletableFuture<String> get(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              if (r.statusCode() != 200 && !(r.statusCode() == 503 && url.endsWith("/health"))) {
                throw new CompletionException(
                    new IOException("HTTP " + r.statusCode() + " from " + url));
              }
              return r.body();
            });
  }

  /** Why an agent could not be read, in a few words. */
  static String reason(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException) {
        return "connection refused: is the agent running, with its monitoring on this port?";
      }
      if (c instanceof java.net.http.HttpTimeoutException) {
        return "no answer within 5 s";
      }
      if (c instanceof IOException && c.getMessage() != null) {
        return c.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
