package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Takes over the JVM's logging while the check runs: the warnings and errors Flume and the
 * components log as they are configured are kept, as the check's material, and nothing is written
 * to the console or a log file.
 */
final class CapturedLog extends AbstractAppender {
  /** One logged warning or error: who logged it, its message, and its exception's message. */
  record Entry(Level level, String logger, String message, Throwable thrown) {}

  private final List<Entry> entries = new ArrayList<>();

  private CapturedLog() {
    super("flumekit-check", null, null, true, Property.EMPTY_ARRAY);
  }

  /** Routes every logger of the JVM's log4j configuration to a new capture, at WARN and above. */
  static CapturedLog install() {
    CapturedLog capture = new CapturedLog();
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    loggers.add(config.getRootLogger());
    for (LoggerConfig logger : loggers) {
      for (String appender : List.copyOf(logger.getAppenders().keySet())) {
        logger.removeAppender(appender);
      }
      logger.setLevel(Level.WARN);
      logger.addAppender(capture, Level.WARN, null);
    }
    context.updateLoggers();
    return capture;
  }

  @Override
  public synchronized void append(LogEvent event) {
    entries.add(
        new Entry(
            event.getLevel(),
            event.getLoggerName(),
            event.getMessage().getFormattedMessage(),
            event.getThrown()));
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
