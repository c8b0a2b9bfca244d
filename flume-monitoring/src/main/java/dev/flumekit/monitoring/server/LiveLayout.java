package dev.flumekit.monitoring.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The layout of the configuration the agent runs now, not only the one it started with: read again
 * when the agent applied an edit. Under {@code -u flumekit-checked:FILE} that is when the checked
 * reload's {@code ReloadAppliedCount} grows (an edit it refused changes the file, not what runs);
 * under Flume's own reload of {@code -f FILE} (no {@code --no-reload-conf}), when the file changes.
 * Without it a component an edit added would be missed and one it removed reported as not running.
 */
final class LiveLayout {
  /** The bean of the checked reload's counters, as {@link FlumeBeans} reads it. */
  static final String RELOADS = "AGENT.configuration";

  static final String APPLIED = "ReloadAppliedCount";

  private final Supplier<AgentLayout> reread;
  private final Path followedFile;
  private AgentLayout layout;
  private Object version;
  private long changedMillis;

  /**
   * @param followedFile the file Flume's own reload applies when it changes, or null
   * @param startedMillis when the layout was read: Flume builds its monitoring service again after
   *     each applied reload, while the components it starts are still starting
   */
  LiveLayout(Supplier<AgentLayout> reread, Path followedFile, long startedMillis) {
    this.reread = reread;
    this.followedFile = followedFile;
    this.layout = reread.get();
    this.changedMillis = startedMillis;
  }

  /**
   * A layout that never changes and has long been running: an agent that does not reload, or tests.
   */
  static LiveLayout fixed(AgentLayout layout) {
    return new LiveLayout(() -> layout, null, Long.MIN_VALUE / 2);
  }

  /** Follows the agent this JVM runs, from its command line (see {@link AgentLayout}). */
  static LiveLayout ofCommandLine(String javaCommand, String agentOverride) {
    List<String> args = AgentLayout.arguments(javaCommand);
    String file = AgentLayout.argument(args, "-f", "--conf-file");
    Path followed = file != null && !args.contains("--no-reload-conf") ? Path.of(file) : null;
    return new LiveLayout(
        () -> AgentLayout.fromCommandLine(javaCommand, agentOverride),
        followed,
        System.currentTimeMillis());
  }

  /** The layout now, read again if the agent applied an edit since the last call. */
  synchronized AgentLayout current(List<ComponentReading> readings, long nowMillis) {
    Object now = version(readings);
    if (version == null) {
      version = now;
    } else if (!Objects.equals(version, now)) {
      version = now;
      layout = reread.get();
      changedMillis = nowMillis;
    }
    return layout;
  }

  /** When an applied edit last changed the layout: components it added may still be starting. */
  synchronized long changedMillis() {
    return changedMillis;
  }

  private Object version(List<ComponentReading> readings) {
    for (ComponentReading r : readings) {
      if (r.key().equals(RELOADS)) {
        return r.number(APPLIED).orElse(0);
      }
    }
    if (followedFile != null) {
      try {
        return Files.getLastModifiedTime(followedFile).toMillis() + "/" + Files.size(followedFile);
      } catch (IOException e) {
        return "unreadable";
      }
    }
    return "fixed";
  }
}
