package dev.flumekit.testkit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;

/**
 * What a test's KRaft node (broker and controller in one, on loopback) is given: its server
 * properties and its formatted storage. The single broker and the three-node cluster differ only in
 * the quorum, the listeners and how many copies internal topics keep.
 */
final class KraftNode {
  private KraftNode() {}

  /**
   * The properties every node shares.
   *
   * @param voters the controller quorum, {@code id@host:port,...}
   * @param listeners the client listeners, also advertised; the controller listener is added
   * @param replicas copies kept of internal topics (offsets, transactions, share state), and their
   *     partitions; min.insync.replicas of those is 2 where there are copies for it, else 1
   */
  static Properties properties(
      int nodeId, String voters, String listeners, int controllerPort, Path logDir, int replicas) {
    String copies = String.valueOf(replicas);
    String minInSync = String.valueOf(Math.min(2, replicas));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", listeners);
    p.put("controller.listener.names", "CONTROLLER");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("offsets.topic.replication.factor", copies);
    p.put("offsets.topic.num.partitions", copies);
    p.put("transaction.state.log.replication.factor", copies);
    p.put("transaction.state.log.min.isr", minInSync);
    p.put("transaction.state.log.num.partitions", copies);
    p.put("share.coordinator.state.topic.replication.factor", copies);
    p.put("share.coordinator.state.topic.min.isr", minInSync);
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  /** Writes {@code properties} to {@code file} and formats the node's storage for the cluster. */
  static void format(Properties properties, Path file, String clusterId, String comment)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new FileOutputStream(file.toFile())) {
      properties.store(out, comment);
    }
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int rc =
        StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", file.toString()}, quiet);
    if (rc != 0) {
      throw new IllegalStateException("kafka storage format failed with " + rc);
    }
  }
}
