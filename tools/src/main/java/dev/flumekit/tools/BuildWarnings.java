package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;

/**
 * What components warn about as Flume configures them: flumekit's (a glob that matches nothing, a
 * deprecated key) let the agent start, but the operator should know; Flume's own warn of a value
 * they do not take and go on with one of their own, so the agent would not run as written.
 */
record BuildWarnings(List<String> problems, List<String> warnings) {
  /** The loggers of Flume's own sources, channels and sinks. */
  private static final Pattern FLUME_COMPONENT_LOGGERS =
      Pattern.compile("^org\\.apache\\.flume\\.(channel|source|sink)\\.");

  /**
   * @param logged what was logged while Flume built the agent
   */
  static BuildWarnings of(List<CapturedLog.Entry> logged) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (CapturedLog.Entry e : logged) {
      if (e.level() == Level.WARN && e.logger().startsWith("dev.flumekit.")) {
        warnings.add(e.message());
      } else if (e.level() == Level.WARN && FLUME_COMPONENT_LOGGERS.matcher(e.logger()).find()) {
        // a memory channel's capacity 'lots' becomes 100
        problems.add(
            "Flume's "
                + e.logger().substring(e.logger().lastIndexOf('.') + 1)
                + ": "
                + e.message()
                + ": it goes on with a value of its own instead of the one written; give the key a"
                + " value it takes");
      }
    }
    return new BuildWarnings(problems, warnings);
  }
}
