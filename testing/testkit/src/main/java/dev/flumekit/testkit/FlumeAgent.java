package dev.flumekit.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Flume agent ({@code org.apache.flume.node.Application}) in a child JVM, with the class
 * path {@code bin/flume-ng} builds: the conf directory, {@code $FLUME_HOME/lib/*}, then every
 * {@code plugins.d/*}/{@code lib/*} and {@code libext/*}; {@code plugins.d/*}/{@code native} on the
 * library path.
 */
public final class FlumeAgent implements AutoCloseable {
  /**
   * Log levels for {@link #writeLog4jConfig}: Kafka's, ZooKeeper's and Hadoop's clients at WARN.
   */
  public static final Map<String, String> CLIENTS_AT_WARN =
      Map.of(
          "org.apache.kafka", "WARN", "org.apache.zookeeper", "WARN", "org.apache.hadoop", "WARN");

  private final Process process;
  private final Path log;

  private FlumeAgent(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts an agent.
   *
   * @param flumeHome a directory with {@code lib/} and optionally {@code plugins.d/}
   * @param confDir the agent's conf directory (first on the class path, holds log4j2.xml)
   * @param confFile the agent's properties file
   * @param name the agent name ({@code -n})
   * @param jvmOptions extra JVM options, such as {@code -Dflume.monitoring.type=http}
   * @param log where the agent's stdout and stderr go
   */
  public static FlumeAgent start(
      Path flumeHome, Path confDir, Path confFile, String name, List<String> jvmOptions, Path log)
      throws IOException {
    List<String> classPath = new ArrayList<>();
    classPath.add(confDir.toString());
    classPath.add(flumeHome.resolve("lib") + File.separator + "*");
    List<String> nativeDirs = new ArrayList<>();
    Path pluginsDir = flumeHome.resolve("plugins.d");
    if (Files.isDirectory(pluginsDir)) {
      List<Path> plugins;
      try (Stream<Path> list = Files.list(pluginsDir)) {
        plugins = list.filter(Files::isDirectory).sorted().toList();
      }
      for (Path plugin : plugins) {
        if (Files.isDirectory(plugin.resolve("lib"))) {
          classPath.add(plugin.resolve("lib") + File.separator + "*");
        }
      }
      for (Path plugin : plugins) {
        if (Files.isDirectory(plugin.resolve("libext"))) {
          classPath.add(plugin.resolve("libext") + File.separator + "*");
        }
        if (Files.isDirectory(plugin.resolve("native"))) {
          nativeDirs.add(plugin.resolve("native").toString());
        }
      }
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j2.xml"));
    if (!nativeDirs.isEmpty()) {
      command.add("-Djava.library.path=" + String.join(File.pathSeparator, nativeDirs));
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add("org.apache.flume.node.Application");
    command.add("-n");
    command.add(name);
    if (Files.isDirectory(pluginsDir.resolve("flumekit-config-reload"))) {
      // as bin/flumekit-agent starts an agent when the checked reload is installed (its metrics
      // then exist), re-reading turned off as below; started as with --no-check, the file taken as
      // checked (tests start agents with broken configurations to see what Flume does)
      command.add(
          command.indexOf("org.apache.flume.node.Application") - 2,
          "-Dflumekit.checked.sha256=" + sha256(confFile));
      command.add("-u");
      command.add("flumekit-checked:" + confFile.toAbsolutePath().toUri().getRawPath());
    } else {
      command.add("-f");
      command.add(confFile.toString());
    }
    command.add("--no-reload-conf");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(flumeHome.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("FLUME_HOME", flumeHome.toString());
    return new FlumeAgent(builder.start(), log);
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A minimal log4j2.xml for an agent's conf directory: INFO to the console. */
  /**
   * Writes an agent's configuration directory: {@code conf} as {@code agent.conf} and a log4j2
   * configuration with the given logger levels.
   *
   * @return the agent.conf file
   */
  public static Path writeConfig(Path confDir, String conf, Map<String, String> levels)
      throws IOException {
    writeLog4jConfig(confDir, levels);
    Path confFile = confDir.resolve("agent.conf");
    Files.writeString(confFile, conf);
    return confFile;
  }

  public static void writeLog4jConfig(Path confDir, Map<String, String> levels) throws IOException {
    StringBuilder loggers = new StringBuilder();
    for (Map.Entry<String, String> e : levels.entrySet()) {
      loggers
          .append("    <Logger name=\"")
          .append(e.getKey())
          .append("\" level=\"")
          .append(e.getValue())
          .append("\"/>\n");
    }
    Files.createDirectories(confDir);
    Files.writeString(
        confDir.resolve("log4j2.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Configuration status=\"WARN\">\n"
            + "  <Appenders>\n"
            + "    <Console name=\"console\" target=\"SYSTEM_OUT\">\n"
            + "      <PatternLayout pattern=\"%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n\"/>\n"
            + "    </Console>\n"
            + "  </Appenders>\n"
            + "  <Loggers>\n"
            + loggers
            + "    <Root level=\"INFO\"><AppenderRef ref=\"console\"/></Root>\n"
            + "  </Loggers>\n"
            + "</Configuration>\n");
  }

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the agent's log contains {@code text}; fails if the agent exits first. */
  public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "agent exited with "
                + process.exitValue()
                + " before logging '"
                + text
                + "':\n"
                + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "agent did not log '" + text + "' in " + timeout + ":\n" + log());
      }
      Thread.sleep(100);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The agent JVM's process id, for reading its resource use from {@code /proc}. */
  public long pid() {
    return process.pid();
  }

  /** Asks the agent to stop (SIGTERM: Flume's shutdown hook stops every component). */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** Kills the agent as kill -9 does: no shutdown hook, nothing flushed or committed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
