package dev.flumekit.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectableChannelEndPoint;

/**
 * Closes a connection at once when its client's address already holds the maximum: the server's
 * overall cap alone lets one client hold every connection (opening them again as they time out)
 * while a scraper waits in the listen queue past its timeout and the agent is reported down. A
 * scraper or a browser needs one or two connections.
 */
final class ClientConnectionLimit implements Connection.Listener {
  private final int maxPerClient;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

  /**
   * Each counted connection's client, as it was when it opened: a closed socket no longer knows its
   * remote address.
   */
  private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

  ClientConnectionLimit(int maxPerClient) {
    this.maxPerClient = maxPerClient;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress client = client(connection);
    if (client == null) {
      return;
    }
    clients.put(connection, client);
    int now = open.merge(client, 1, Integer::sum);
    if (now > maxPerClient) {
      connection.close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = clients.remove(connection);
    if (client != null) {
      open.computeIfPresent(client, (address, n) -> n > 1 ? n - 1 : null);
    }
  }

  /**
   * The client of a network connection; null for a connection layered on another (HTTP over TLS),
   * so that each socket counts once.
   */
  private static InetAddress client(Connection connection) {
    if (!(connection.getEndPoint() instanceof SelectableChannelEndPoint endPoint)) {
      return null;
    }
    SocketAddress remote = endPoint.getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
