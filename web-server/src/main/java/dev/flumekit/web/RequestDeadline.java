package dev.flumekit.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes an HTTP connection that has neither received a whole request nor written a whole answer
 * for the request timeout. Jetty's idle timeout closes a connection that moves no byte; a client
 * that sends one byte of its headers every few seconds, or reads one byte of its answer now and
 * then, keeps moving bytes and would hold its connection forever without this.
 */
final class RequestDeadline extends AbstractLifeCycle implements Connection.Listener {
  private final long timeoutNanos;
  private final Map<Connection, Progress> open = new ConcurrentHashMap<>();
  private ScheduledExecutorService sweeper;

  private static final class Progress {
    long in;
    long out;
    long since;

    Progress(long in, long out, long since) {
      this.in = in;
      this.out = out;
      this.since = since;
    }
  }

  RequestDeadline(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  protected void doStart() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-web-deadline");
              t.setDaemon(true);
              return t;
            });
    // a quarter of the timeout (at most a second): a connection is closed at most that much late
    long period = Math.max(10_000_000L, Math.min(1_000_000_000L, timeoutNanos / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
    open.clear();
  }

  @Override
  public void onOpened(Connection connection) {
    // only the HTTP layer counts requests and answers; TLS beneath it counts nothing (-1)
    if (connection.getMessagesIn() >= 0) {
      open.put(
          connection,
          new Progress(connection.getMessagesIn(), connection.getMessagesOut(), System.nanoTime()));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  private void sweep() {
    long now = System.nanoTime();
    open.forEach(
        (connection, progress) -> {
          long in = connection.getMessagesIn();
          long out = connection.getMessagesOut();
          if (in != progress.in || out != progress.out) {
            progress.in = in;
            progress.out = out;
            progress.since = now;
          } else if (now - progress.since > timeoutNanos) {
            open.remove(connection);
            connection.close();
          }
        });
  }
}
