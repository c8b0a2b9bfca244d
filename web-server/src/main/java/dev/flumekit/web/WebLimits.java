package dev.flumekit.web;

import java.time.Duration;

/**
 * How much of a server one client can hold, and for how long. Slow clients hold no thread (request
 * heads are read without blocking one), so what bounds them is time and the number of connections.
 *
 * @param idleTimeout a connection that moves no byte either way for this long is closed
 * @param requestTimeout a connection is closed when no request has arrived whole, or no answer has
 *     been written whole, for this long: it bounds a request trickled a byte at a time and an
 *     answer its client does not read, which the idle timeout alone does not
 * @param maxConnections connections open at once; above it, new ones wait in the listen queue
 * @param maxConnectionsPerClient connections one client address may hold; one more is closed at
 *     once
 * @param maxThreads threads that run handlers (plus the acceptor and the selector)
 */
public record WebLimits(
    Duration idleTimeout,
    Duration requestTimeout,
    int maxConnections,
    int maxConnectionsPerClient,
    int maxThreads) {

  /**
   * The values both servers run with: a scrape or a page takes milliseconds, Prometheus' default
   * scrape timeout is 10 s (a request not whole within 10 s is closed), and a scraper or a browser
   * needs one or two connections (8 from one address at most).
   */
  public static final WebLimits DEFAULTS =
      new WebLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 64, 8, 8);

  public WebLimits {
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || maxConnections < 1
        || maxConnectionsPerClient < 1
        || maxThreads < 1) {
      throw new IllegalArgumentException(
          "web limits must be positive: idle "
              + idleTimeout
              + ", request "
              + requestTimeout
              + ", connections "
              + maxConnections
              + ", per client "
              + maxConnectionsPerClient
              + ", threads "
              + maxThreads);
    }
  }
}
