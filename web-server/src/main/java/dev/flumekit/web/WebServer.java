package dev.flumekit.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of flumekit's endpoints (the Prometheus exporter, the click dashboard), on
 * Jetty's core: request heads are read by a selector without holding a thread, so slow clients cost
 * a connection and never a handler; handlers run on a bounded pool; connections are capped and
 * closed after {@link WebLimits}' idle and request timeouts; answers are written without a thread
 * waiting on the client. TLS and basic auth come from a {@link WebConfig}.
 */
public final class WebServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final String scheme;

  private WebServer(Server server, ServerConnector connector, String scheme) {
    this.server = server;
    this.connector = connector;
    this.scheme = scheme;
  }

  /**
   * Listens on {@code address} and serves {@code routes}.
   *
   * @param name names the server's threads ({@code flumekit-web-NAME-N})
   * @throws IOException if the address cannot be bound (the port is taken)
   */
  public static WebServer start(
      String name, InetSocketAddress address, WebConfig web, WebLimits limits, Routes routes)
      throws IOException {
    // acceptor and selector take a thread each, besides the handlers; the queue of waiting tasks is
    // bounded by the connection cap (a connection has one request at a time)
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads() + 2, 2, 60_000);
    threads.setReservedThreads(0);
    threads.setName("flumekit-web-" + name);
    threads.setDaemon(true);
    Server server = new Server(threads);
    server.setStopAtShutdown(false);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ConnectionFactory[] factories;
    if (web.tls().isPresent()) {
      // the exporters do not check that SNI names the certificate's host either
      http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
      factories =
          new ConnectionFactory[] {
            new SslConnectionFactory(sslContext(web.tls().get()), HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(http)
          };
    } else {
      factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
    }
    ServerConnector connector = new ServerConnector(server, 1, 1, factories);
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.addBean(new RequestDeadline(limits.requestTimeout()));
    connector.addBean(new ClientConnectionLimit(limits.maxConnectionsPerClient()));
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
    server.setHandler(new RoutingHandler(routes, web.basicAuth()));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopping) {
        e.addSuppressed(stopping);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot listen on " + address + ": " + e, e);
    }
    return new WebServer(server, connector, web.scheme());
  }

  private static SslContextFactory.Server sslContext(TlsSettings tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(tls.keyStorePassword());
    ssl.setKeyManagerPassword(tls.keyStorePassword());
    ssl.setIncludeProtocols(tls.protocols().toArray(new String[0]));
    if (tls.trustStore() != null) {
      ssl.setTrustStore(tls.trustStore());
    }
    switch (tls.clientAuth()) {
      case RequireAndVerifyClientCert -> ssl.setNeedClientAuth(true);
      case VerifyClientCertIfGiven -> ssl.setWantClientAuth(true);
      case NoClientCert -> {}
    }
    return ssl;
  }

  /** The port listened on (the one chosen when 0 was asked). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return scheme;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway: its threads are daemons
    }
  }
}
