package dev.flumekit.hbase.dashboard;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.web.Reply;
import dev.flumekit.web.Routes;
import dev.flumekit.web.WebConfig;
import dev.flumekit.web.WebLimits;
import dev.flumekit.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * The pipeline's result as a web page: clicks per course for today and the days before, read from
 * the loader's HBase counters and drawn by the page itself (SVG, no library, nothing from the
 * network), refreshing every few seconds. {@code bin/flumekit-agent dashboard --zookeeper HOST:PORT
 * [--table T] [--port P] ...}; runs on the HBase client the HBase sink ships.
 */
public final class ClickDashboard implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private final WebServer server;
  private final Connection connection;

  private ClickDashboard(WebServer server, Connection connection) {
    this.server = server;
    this.connection = connection;
  }

  /** Connects to HBase and serves {@code /} (the page) and {@code /api/clicks} (its JSON). */
  public static ClickDashboard start(DashboardConfig config) throws IOException {
    // read before anything connects or listens: with a problem in it, nothing starts
    WebConfig web =
        WebConfig.loadIfSet(
            "--" + DashboardConfig.WEB_CONFIG_FILE.name(),
            config.get(DashboardConfig.WEB_CONFIG_FILE));
    Configuration hbase = HBaseConfiguration.create();
    hbase.set("hbase.zookeeper.quorum", config.get(DashboardConfig.ZOOKEEPER));
    hbase.set("zookeeper.znode.parent", config.get(DashboardConfig.ZNODE_PARENT));
    // a down HBase fails a read within seconds (the client's default is to retry for 20 minutes),
    // so that the page shows the last counts as stale instead of waiting
    hbase.setInt("hbase.client.operation.timeout", READ_TIMEOUT_MILLIS);
    hbase.setInt("hbase.client.meta.operation.timeout", READ_TIMEOUT_MILLIS);
    hbase.setInt("hbase.client.scanner.timeout.period", READ_TIMEOUT_MILLIS);
    hbase.setInt("hbase.rpc.timeout", READ_TIMEOUT_MILLIS / 2);
    Connection connection = ConnectionFactory.createConnection(hbase);
    int refresh = config.get(DashboardConfig.REFRESH_SECONDS);
    CounterTableReader reader =
        new CounterTableReader(
            new HBaseCounterRows(
                connection,
                config.get(DashboardConfig.TABLE),
                config.get(DashboardConfig.COUNTER_FAMILY),
                config.get(DashboardConfig.COUNTER_COLUMN)),
            config.get(DashboardConfig.COUNTER_ROW),
            Clock.systemUTC(),
            config.get(DashboardConfig.TIMEZONE),
            config.get(DashboardConfig.DAYS),
            config.get(DashboardConfig.MAX_CELLS));
    ClickSnapshots snapshots =
        new ClickSnapshots(reader::read, Clock.systemUTC(), Duration.ofSeconds(refresh));
    ClicksJson api =
        new ClicksJson(
            refresh,
            config.get(DashboardConfig.MAX_COURSES),
            config.get(DashboardConfig.MAX_CELLS));
    byte[] page;
    try (InputStream in = ClickDashboard.class.getResourceAsStream("dashboard.html")) {
      page = in.readAllBytes();
    }
    Routes routes =
        new Routes()
            .on(
                "/api/clicks",
                () -> {
                  ClicksJson.Answer answer =
                      api.answer(snapshots.get(), System.currentTimeMillis());
                  return reply(
                      answer.status(),
                      "application/json",
                      answer.json().getBytes(StandardCharsets.UTF_8));
                })
            .on("/", () -> reply(200, "text/html; charset=utf-8", page))
            .otherwise(
                () ->
                    reply(
                        404,
                        "text/html; charset=utf-8",
                        "not found".getBytes(StandardCharsets.UTF_8)));
    WebServer server;
    try {
      server =
          WebServer.start(
              "dashboard",
              new InetSocketAddress(
                  config.get(DashboardConfig.BIND), config.get(DashboardConfig.PORT)),
              web,
              WebLimits.DEFAULTS,
              routes);
    } catch (IOException e) {
      connection.close();
      throw e;
    }
    return new ClickDashboard(server, connection);
  }

  public int port() {
    return server.port();
  }

  /** {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return server.scheme();
  }

  /** Whole bodies, never cached: the numbers change with every read. */
  private static Reply reply(int status, String type, byte[] body) {
    return Reply.of(status, type, body).withHeader("Cache-Control", "no-store");
  }

  @Override
  public void close() throws IOException {
    server.close();
    connection.close();
  }

  public static void main(String[] args) throws Exception {
    DashboardConfig config;
    try {
      config = DashboardConfig.fromArguments(List.of(args));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: flumekit-agent dashboard --zookeeper HOST:PORT [--table access_logs]"
              + " [--port 8088] [--bind 127.0.0.1] [--days 7] [--timezone UTC] ...");
      System.exit(2);
      return;
    }
    ClickDashboard dashboard;
    try {
      dashboard = start(config);
    } catch (ConfigException e) {
      // the web config file: the dashboard never serves without the TLS or auth it asks for
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(
        "Click dashboard of table %s on %s://%s:%d/%n",
        config.get(DashboardConfig.TABLE),
        dashboard.scheme(),
        config.get(DashboardConfig.BIND).equals("0.0.0.0")
            ? "localhost"
            : config.get(DashboardConfig.BIND),
        dashboard.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    dashboard.close();
                  } catch (IOException e) {
                    // stopping anyway
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }
}
