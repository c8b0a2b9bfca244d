package dev.flumekit.kafka.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the in-process broker's request logger ({@code kafka.request.logger} at DEBUG) writes: one
 * JSON description per completed request, with the request's own fields such as a produce request's
 * {@code acks}. It shows what a client really sent.
 */
final class BrokerRequestLog implements AutoCloseable {
  private static final String LOGGER = "kafka.request.logger";
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final AbstractAppender appender;

  private BrokerRequestLog() {
    appender =
        new AbstractAppender("broker-requests", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
          }
        };
    appender.start();
    Configuration config = context.getConfiguration();
    LoggerConfig logger = new LoggerConfig(LOGGER, Level.DEBUG, false);
    logger.addAppender(appender, Level.DEBUG, null);
    config.addLogger(LOGGER, logger);
    context.updateLoggers();
  }

  static BrokerRequestLog capture() {
    return new BrokerRequestLog();
  }

  /** The produce requests logged for a client, waiting up to {@code timeout} for the first. */
  List<String> awaitProduceRequestsFrom(String clientId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> found = produceRequestsFrom(clientId);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      found = produceRequestsFrom(clientId);
    }
    return found;
  }

  private List<String> produceRequestsFrom(String clientId) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("\"requestApiKeyName\":\"PRODUCE\"")
          && line.contains("\"clientId\":\"" + clientId + "\"")) {
        out.add(line);
      }
    }
    return out;
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(LOGGER);
    context.updateLoggers();
    appender.stop();
  }
}
