package dev.flumekit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft: broker and controller in one, no ZooKeeper) in this JVM, on
 * loopback ports chosen at start. It can be stopped and started again on the same ports and data,
 * as a broker outage looks to a client.
 */
public final class KafkaBroker implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final Properties properties;
  private final SaslSslListener saslSsl;
  private KafkaRaftServer server;
  private boolean sharedByTheJvm;

  private KafkaBroker(Path dataDir, Map<String, String> overrides, SaslSslListener saslSsl)
      throws IOException {
    this.dataDir = dataDir;
    this.port = freePort();
    this.controllerPort = freePort();
    this.saslSsl = saslSsl;
    String listeners = "PLAINTEXT://127.0.0.1:" + port;
    if (saslSsl != null) {
      listeners += ",SASL_SSL://127.0.0.1:" + saslSsl.port();
    }
    this.properties =
        KraftNode.properties(
            1, "1@127.0.0.1:" + controllerPort, listeners, controllerPort, logDir(), 1);
    if (saslSsl != null) {
      properties.putAll(saslSsl.serverProperties());
    }
    properties.put("num.partitions", "1");
    properties.put("auto.create.topics.enable", "true");
    properties.putAll(overrides);
    format();
  }

  /** Formats {@code dataDir} and starts a broker on it. */
  public static KafkaBroker start(Path dataDir) throws IOException {
    return start(dataDir, Map.of());
  }

  /** As {@link #start(Path)}, with extra or replaced server properties. */
  public static KafkaBroker start(Path dataDir, Map<String, String> overrides) throws IOException {
    KafkaBroker broker = new KafkaBroker(dataDir, overrides, null);
    broker.startServer();
    return broker;
  }

  /**
   * As {@link #start(Path)}, with a second listener that takes SASL_SSL: SCRAM-SHA-512 over TLS
   * with a certificate signed by a CA generated for the broker (see {@link SaslSslListener}), and a
   * SCRAM user {@code user} with {@code password}. The PLAINTEXT listener stays, for the tests' own
   * clients.
   */
  public static KafkaBroker startWithSaslSsl(Path dataDir, String user, String password)
      throws IOException {
    SaslSslListener listener = SaslSslListener.create(dataDir.resolve("tls"), freePort());
    KafkaBroker broker = new KafkaBroker(dataDir, Map.of(), listener);
    broker.startServer();
    listener.addUser(broker.admin(), user, password);
    return broker;
  }

  /** The SASL_SSL listener, or null when the broker has none. */
  public SaslSslListener saslSsl() {
    return saslSsl;
  }

  private void format() throws IOException {
    KraftNode.format(
        properties,
        dataDir.resolve("server.properties"),
        Uuid.randomUuid().toString(),
        "flumekit test broker");
  }

  /** Starts the broker again after {@link #stop()}, on the same ports and data. */
  public synchronized void startServer() {
    if (server != null) {
      return;
    }
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    awaitReady(Duration.ofSeconds(60));
  }

  /** Stops the broker, as an outage; {@link #startServer()} brings it back. */
  public synchronized void stop() {
    if (sharedByTheJvm) {
      throw new IllegalStateException(
          "this broker is shared by every test class of the JVM; a test that stops its broker"
              + " registers a broker of its own: new KafkaBrokerExtension()");
    }
    stopServer();
  }

  /** Marks the broker as shared by the test classes of this JVM: {@link #stop()} refuses. */
  synchronized void shareWithTheJvm() {
    sharedByTheJvm = true;
  }

  private synchronized void stopServer() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Where partition logs live: {@code <logDir>/<topic>-<partition>/*.log}. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get();
        return;
      } catch (ExecutionException | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("broker not ready in " + timeout, e);
        }
        sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The compression codec of every record batch in a partition's log segments, as stored on the
   * broker's disk: what was on the wire, not what a consumer decoded.
   */
  public List<String> batchCodecs(String topic, int partition) throws IOException {
    List<String> codecs = new ArrayList<>();
    List<Path> segments;
    try (Stream<Path> files = Files.list(logDir().resolve(topic + "-" + partition))) {
      segments = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    for (Path segment : segments) {
      try (FileRecords records = FileRecords.open(segment.toFile())) {
        for (RecordBatch batch : records.batches()) {
          codecs.add(batch.compressionType().name);
        }
      }
    }
    return codecs;
  }

  /** The bytes a partition's log segments hold on disk. */
  public long logBytes(String topic, int partition) throws IOException {
    try (Stream<Path> files = Files.list(logDir().resolve(topic + "-" + partition))) {
      long total = 0;
      for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            5000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            3000));
  }

  /** Creates a topic and waits until it can be written. */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
    try (Admin admin = admin()) {
      admin
          .createTopics(Set.of(new NewTopic(name, partitions, (short) 1).configs(topicConfig)))
          .all()
          .get();
      awaitServing(name, partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e.getCause());
    }
  }

  /**
   * Waits until every partition of a new topic answers for its offsets. An idempotent producer
   * whose first batch reaches a partition before it is served, while its next batches are already
   * accepted, retries that batch with an out-of-order sequence until it expires: the records are
   * lost, a test stalls for two minutes.
   */
  private void awaitServing(String topic, int partitions) throws InterruptedException {
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
      while (true) {
        try {
          if (consumer.endOffsets(all, Duration.ofSeconds(5)).size() == partitions) {
            return;
          }
        } catch (KafkaException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("topic " + topic + " is not served", e);
          }
        }
        Thread.sleep(50);
      }
    }
  }

  /** The sum of the end offsets of a topic's partitions: the records it holds, for a new topic. */
  public long endOffsetSum(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Reads a topic from the beginning until {@code expected} records have arrived and then for
   * {@code settle} more, so that extra records (duplicates) are seen too.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, int expected, Duration timeout, Duration settle, String isolationLevel) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolationLevel)) {
      List<TopicPartition> partitions = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.isEmpty()) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        if (partitions.isEmpty()) {
          if (System.nanoTime() > deadline) {
            return records;
          }
          sleep(100);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long settleUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settleUntil)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(r);
        }
        if (records.size() >= expected && settleUntil == Long.MAX_VALUE) {
          settleUntil = System.nanoTime() + settle.toNanos();
        }
      }
    }
    return records;
  }

  /**
   * Every record of a topic that a consumer at {@code isolationLevel} sees, from the beginning up
   * to the end offsets at the time of the call (for read_committed, the last stable offsets:
   * records of open transactions are not waited for). Transaction markers take offsets but are no
   * records, so this is how to count what a transactional writer left.
   */
  public List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, String isolationLevel) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolationLevel)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        boolean done = true;
        for (TopicPartition p : partitions) {
          done &= consumer.position(p) >= end.get(p);
        }
        if (done) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(r);
        }
      }
    }
    return records;
  }

  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    return readAll(
        topic, expected, Duration.ofSeconds(60), Duration.ofMillis(500), "read_uncommitted");
  }

  private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
    return consumer(bootstrapServers(), isolationLevel);
  }

  /** A consumer without a group, for reading a topic as it is: no commits, bytes in and out. */
  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String isolationLevel) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    stopServer();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
