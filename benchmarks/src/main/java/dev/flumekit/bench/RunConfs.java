package dev.flumekit.bench;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agent configurations as a benchmark runs them: the shipped (or built-in) files with the run's
 * log, state directory, broker, HBase, table, consumer group and topics in place of the ones they
 * name.
 */
final class RunConfs {
  private RunConfs() {}

  /** The log, state directory and servers of the shipped files, replaced by the run's. */
  static Map<String, String> servers(String log, Path state, KafkaBroker kafka, MiniHBase hbase) {
    Map<String, String> replacements = new LinkedHashMap<>();
    replacements.put("/var/log/nginx/access.log", log);
    replacements.put("/var/lib/flumekit", state.toString());
    replacements.put("localhost:9092", kafka.bootstrapServers());
    replacements.put("localhost:2181", hbase.zookeeperQuorum());
    return replacements;
  }

  /**
   * A run of its own called {@code name}: its state under {@code work/<name>}, its own table (made
   * here) and consumer group, besides the run's servers.
   */
  static Map<String, String> ofRun(
      String name, Path log, Path work, KafkaBroker kafka, MiniHBase hbase) throws Exception {
    String table = "access_logs_" + name;
    hbase.createTable(table, "d", "c");
    Map<String, String> replacements =
        servers(log.toString(), work.resolve(name + "/state"), kafka, hbase);
    replacements.put("group.id = loader", "group.id = " + name + "-loader");
    replacements.put("access_logs", table);
    return replacements;
  }

  /** Makes the run's copy of each topic, 3 partitions, named {@code <name>-<topic>}. */
  static void topicsOfRun(
      String name, List<String> topics, KafkaBroker kafka, Map<String, String> replacements)
      throws Exception {
    for (String topic : topics) {
      kafka.createTopic(name + "-" + topic, 3);
      replacements.put(topic, name + "-" + topic);
    }
  }

  /**
   * Writes each agent's configuration ({@code <agent>.conf}, its text with the replacements made)
   * and a log4j2.xml with the clients at WARN into {@code confDir}.
   */
  static Path write(Path confDir, Map<String, String> texts, Map<String, String> replacements)
      throws IOException {
    Files.createDirectories(confDir);
    FlumeAgent.writeLog4jConfig(confDir, FlumeAgent.CLIENTS_AT_WARN);
    for (Map.Entry<String, String> conf : texts.entrySet()) {
      String text = conf.getValue();
      for (Map.Entry<String, String> r : replacements.entrySet()) {
        text = text.replace(r.getKey(), r.getValue());
      }
      Files.writeString(confDir.resolve(conf.getKey() + ".conf"), text);
    }
    return confDir;
  }

  /**
   * The shipped collector and loader of the Flume home {@code home}, by agent, as the tarball has
   * them ({@code collector.conf.dist}).
   */
  static Map<String, String> shipped(Path home, String dir) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String agent : List.of("collector", "loader")) {
      texts.put(agent, Files.readString(home.resolve(dir + agent + ".conf.dist")));
    }
    return texts;
  }
}
