package dev.flumekit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that hold a server's connections as a slow or hostile one does: each sends the first half
 * of a request and then nothing, or asks for an answer and never reads it. {@link #timedGet} is the
 * well-behaved client beside them, on a fresh connection each time.
 */
public final class SlowClients implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();

  private SlowClients() {}

  /** {@code count} connections, each with half a request line and header sent, held open. */
  public static SlowClients halfRequests(String host, int port, String path, int count)
      throws IOException {
    SlowClients clients = new SlowClients();
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      clients.sockets.add(s);
      s.connect(new InetSocketAddress(host, port), 5_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Ag")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return clients;
  }

  /**
   * {@code count} connections, each asking for {@code path} and never reading: with a small receive
   * window the server's answer stops at the client's buffer.
   */
  public static SlowClients nonReaders(String host, int port, String path, int count)
      throws IOException {
    SlowClients clients = new SlowClients();
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      clients.sockets.add(s);
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress(host, port), 5_000);
      OutputStream out = s.getOutputStream();
      out.write(request(host, path, ""));
      out.flush();
    }
    return clients;
  }

  /**
   * GETs {@code path} on a new connection: milliseconds until the status line arrived, or -1 if
   * none arrived within {@code limit} (or nothing listens).
   *
   * @param headers extra header lines, each ending in CRLF (e.g. Authorization)
   */
  public static long timedGet(String host, int port, String path, String headers, Duration limit)
      throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) limit.toMillis());
      s.setSoTimeout((int) limit.toMillis());
      s.getOutputStream().write(request(host, path, headers));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder statusLine = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        statusLine.append((char) c);
        if (System.nanoTime() - start > limit.toNanos()) {
          return -1;
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!statusLine.toString().startsWith("HTTP/1.1 ")) {
        return -1;
      }
      return millis <= limit.toMillis() ? millis : -1;
    } catch (SocketTimeoutException | java.net.ConnectException e) {
      return -1;
    }
  }

  /** {@link #timedGet} {@code times} times in a row. */
  public static List<Long> timedGets(
      String host, int port, String path, String headers, Duration limit, int times)
      throws IOException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      millis.add(timedGet(host, port, path, headers, limit));
    }
    return millis;
  }

  /** Whether every connection has been closed by the server (a read returns end of stream). */
  public boolean allClosedByServer(Duration within) throws IOException {
    for (Socket s : sockets) {
      s.setSoTimeout((int) within.toMillis());
      try {
        InputStream in = s.getInputStream();
        byte[] drain = new byte[65536];
        int n;
        while ((n = in.read(drain)) != -1) {
          // an answer, or the rest of one: read on to the end of the stream
          if (n == 0) {
            return false;
          }
        }
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        // a reset is closed too
      }
    }
    return true;
  }

  private static byte[] request(String host, String path, String headers) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\n"
            + headers
            + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
