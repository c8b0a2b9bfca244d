package dev.flumekit.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster of three KRaft nodes (each broker and controller), each in its own JVM on
 * loopback, so that a node can be killed with kill -9 and started again on its data. Internal
 * topics are replicated three times with min.insync.replicas 2, as in production.
 */
public final class KafkaCluster implements AutoCloseable {
  public static final int SIZE = 3;

  private final Path dir;
  private final int[] ports = new int[SIZE];
  private final Path[] configs = new Path[SIZE];
  private final Process[] nodes = new Process[SIZE];

  private KafkaCluster(Path dir) throws IOException {
    this.dir = dir;
    int[] controllerPorts = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      ports[i] = KafkaBroker.freePort();
      controllerPorts[i] = KafkaBroker.freePort();
    }
    StringBuilder voters = new StringBuilder();
    for (int i = 0; i < SIZE; i++) {
      voters
          .append(i == 0 ? "" : ",")
          .append(i + 1)
          .append("@127.0.0.1:")
          .append(controllerPorts[i]);
    }
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < SIZE; i++) {
      Path nodeDir = dir.resolve("node-" + (i + 1));
      Properties p =
          KraftNode.properties(
              i + 1,
              voters.toString(),
              "PLAINTEXT://127.0.0.1:" + ports[i],
              controllerPorts[i],
              nodeDir.resolve("logs"),
              SIZE);
      p.put("num.partitions", "3");
      p.put("default.replication.factor", "3");
      p.put("min.insync.replicas", "2");
      p.put("auto.create.topics.enable", "false");
      configs[i] = nodeDir.resolve("server.properties");
      KraftNode.format(p, configs[i], clusterId, "flumekit test cluster node " + (i + 1));
    }
  }

  /** Formats three nodes under {@code dir}, starts them and waits until all three serve. */
  public static KafkaCluster start(Path dir) throws IOException {
    KafkaCluster cluster = new KafkaCluster(dir);
    for (int i = 1; i <= SIZE; i++) {
      cluster.startNode(i);
    }
    cluster.awaitNodes(SIZE, Duration.ofSeconds(90));
    return cluster;
  }

  /** Starts node {@code id} (1 to 3) on its data, in a new JVM; returns without waiting. */
  public synchronized void startNode(int id) throws IOException {
    if (nodes[id - 1] != null && nodes[id - 1].isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("kafka.Kafka");
    command.add(configs[id - 1].toString());
    File log = dir.resolve("node-" + id + ".out").toFile();
    nodes[id - 1] =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
  }

  /** Kills node {@code id} as kill -9 does: nothing flushed, no controlled shutdown. */
  public synchronized void kill(int id) throws InterruptedException {
    Process node = nodes[id - 1];
    if (node != null) {
      node.destroyForcibly().waitFor();
    }
  }

  /** Whether node {@code id}'s process runs. */
  public synchronized boolean isRunning(int id) {
    return nodes[id - 1] != null && nodes[id - 1].isAlive();
  }

  /** Waits until {@code count} nodes are registered brokers of the cluster. */
  public void awaitNodes(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Admin admin = admin()) {
        if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
          return;
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " nodes not serving after " + timeout);
      }
      sleep(200);
    }
  }

  /** A consumer without a group, for reading the cluster's topics as they are. */
  public KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
    return KafkaBroker.consumer(bootstrapServers(), isolationLevel);
  }

  public String bootstrapServers() {
    List<String> servers = new ArrayList<>();
    for (int port : ports) {
      servers.add("127.0.0.1:" + port);
    }
    return String.join(",", servers);
  }

  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000));
  }

  /** Creates a topic replicated on all three nodes, min.insync.replicas 2, and waits for it. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(
              Set.of(
                  new NewTopic(name, partitions, (short) SIZE)
                      .configs(Map.of("min.insync.replicas", "2"))))
          .all()
          .get();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (leaders(name).size() < partitions || leaders(name).containsValue(-1)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + name + " has no leaders");
        }
        sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e.getCause());
    }
  }

  /**
   * Each partition's leader node id (-1 for none). A node that has just come back may not know a
   * new topic yet: it is asked again for up to 30 s.
   */
  public Map<Integer, Integer> leaders(String topic) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Admin admin = admin()) {
        TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        return d.partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> p.partition(), p -> p.leader() == null ? -1 : leaderId(p.leader())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot describe topic " + topic, e.getCause());
        }
        sleep(200);
      }
    }
  }

  private static int leaderId(Node node) {
    return node.isEmpty() ? -1 : node.id();
  }

  @Override
  public void close() {
    for (int id = 1; id <= SIZE; id++) {
      Process node = nodes[id - 1];
      if (node != null && node.isAlive()) {
        node.destroy();
      }
    }
    for (Process node : nodes) {
      try {
        if (node != null && !node.waitFor(30, TimeUnit.SECONDS)) {
          node.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        node.destroyForcibly();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
