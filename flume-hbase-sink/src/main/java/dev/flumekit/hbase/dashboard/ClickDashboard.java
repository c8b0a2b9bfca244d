package dev.flumekit.hbase.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flumekit.common.config.ConfigException;
import dev.flumekit.common.net.HttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
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
  private final HttpServer server;
  private final Connection connection;

  private ClickDashboard(HttpServer server, Connection connection) {
    this.server = server;
    this.connection = connection;
  }

  /** Connects to HBase and serves {@code /} (the page) and {@code /api/clicks} (its JSON). */
  public static ClickDashboard start(DashboardConfig config) throws IOException {
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
    HttpServer server =
        HttpServers.create(
            new InetSocketAddress(
                config.get(DashboardConfig.BIND), config.get(DashboardConfig.PORT)));
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/api/clicks",
        exchange -> {
          ClicksJson.Answer answer = api.answer(snapshots.get(), System.currentTimeMillis());
          respond(
              exchange,
              answer.status(),
              "application/json",
              answer.json().getBytes(StandardCharsets.UTF_8));
        });
    server.createContext(
        "/",
        exchange -> {
          boolean root = exchange.getRequestURI().getPath().equals("/");
          respond(
              exchange,
              root ? 200 : 404,
              "text/html; charset=utf-8",
              root ? page : "not found".getBytes(StandardCharsets.UTF_8));
        });
    server.start();
    return new ClickDashboard(server, connection);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Whole bodies, never cached: the numbers change with every read. */
  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    HttpServers.respond(exchange, status, type, body);
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
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
    ClickDashboard dashboard = start(config);
    System.out.printf(
        "Click dashboard of table %s on http://%s:%d/%n",
        config.get(DashboardConfig.TABLE),
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
