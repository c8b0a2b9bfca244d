package dev.flumekit.distribution;

import dev.flumekit.testkit.ClickLog;
import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBroker;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One run of the shipped pipeline configurations against a test's broker and HBase: its own topics
 * ({@code <name>-course-clicks}, ...), table, log file and state, the tarball's conf/ files with
 * only paths and hosts replaced, and the agents it started.
 */
final class PipelineRig implements AutoCloseable {
  static final String[] TOPICS = {"course-clicks", "access-logs", "access-unparsed"};

  private final Path flumeHome;
  private final Path work;
  private final Path log;
  private final Path confDir;
  private final String table;
  private final KafkaBroker kafka;
  private final MiniHBase hbase;
  private final Map<String, String> replacements = new LinkedHashMap<>();
  private final List<FlumeAgent> agents = new ArrayList<>();
  private final Map<String, FlumeMetrics> monitoring = new HashMap<>();

  /**
   * @param logPattern what replaces the shipped log path, relative to the log directory: {@code
   *     access.log} as shipped, or e.g. {@code access.log*} to follow rotated files too
   */
  PipelineRig(
      Path flumeHome, Path work, String name, KafkaBroker kafka, MiniHBase hbase, String logPattern)
      throws Exception {
    this(flumeHome, work, name, kafka, hbase, logPattern, 3);
  }

  /**
   * @param hbase null for a rig that runs only agents without HBase (the collector)
   * @param partitions of each topic
   */
  PipelineRig(
      Path flumeHome,
      Path work,
      String name,
      KafkaBroker kafka,
      MiniHBase hbase,
      String logPattern,
      int partitions)
      throws Exception {
    this.flumeHome = flumeHome;
    this.work = Files.createDirectories(work);
    this.kafka = kafka;
    this.hbase = hbase;
    Path logs = Files.createDirectories(work.resolve("nginx"));
    this.log = logs.resolve("access.log");
    this.table = "access_logs_" + name;
    if (hbase != null) {
      hbase.createTable(table, "d", "c");
      replacements.put("localhost:2181", hbase.zookeeperQuorum());
    }
    replacements.put("/var/log/nginx/access.log", logs.resolve(logPattern).toString());
    replacements.put("/var/lib/flumekit", work.resolve("state").toString());
    replacements.put("localhost:9092", kafka.bootstrapServers());
    replacements.put("access_logs", table);
    for (String topic : TOPICS) {
      kafka.createTopic(name + "-" + topic, partitions);
      replacements.put(topic, name + "-" + topic);
    }
    confDir = work.resolve("conf");
    FlumeAgent.writeLog4jConfig(confDir, FlumeAgent.CLIENTS_AT_WARN);
  }

  Path log() {
    return log;
  }

  Path work() {
    return work;
  }

  String topic(String shipped) {
    return replacements.get(shipped);
  }

  /**
   * Writes the adapted {@code conf} (a file the tarball ships in conf/, as {@code conf + ".dist"})
   * with {@code edits} applied.
   */
  Path conf(String conf, Map<String, String> edits) throws IOException {
    String text = Files.readString(flumeHome.resolve("conf").resolve(conf + ".dist"));
    // each configuration names only some of the paths and hosts
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      text = text.replace(r.getKey(), r.getValue());
    }
    for (Map.Entry<String, String> e : edits.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    Path file = confDir.resolve(conf);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /**
   * Starts the agent of a shipped configuration (collector, loader or pipeline; {@code
   * file-channel/...} for the file-channel versions).
   */
  FlumeAgent start(String conf, List<String> jvmOptions) throws IOException {
    Path confFile = confDir.resolve(conf);
    if (!Files.exists(confFile)) {
      conf(conf, Map.of());
    }
    String file = Path.of(conf).getFileName().toString();
    String name = file.startsWith("single") ? "pipeline" : file.replace(".conf", "");
    List<String> options = new ArrayList<>(metrics(name).jvmOptions());
    options.addAll(jvmOptions);
    FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            confDir,
            confFile,
            name,
            options,
            work.resolve("logs/" + name + "-" + agents.size() + ".log"));
    agents.add(agent);
    return agent;
  }

  /**
   * Starts a shipped configuration as an agent of another name, as another host of a fleet runs it:
   * its keys under {@code agent}, its log directory and state under {@code <work>/<agent>/}, and
   * {@code extraLines} appended (keys given with the new agent's name).
   */
  FlumeAgent startAs(String shipped, String agent, List<String> extraLines) throws IOException {
    String shippedAgent = shipped.replace(".conf", "");
    String text = Files.readString(conf(shipped, Map.of()));
    text =
        text.replace(work.resolve("nginx").toString(), work.resolve(agent + "/nginx").toString());
    text =
        text.replace(work.resolve("state").toString(), work.resolve(agent + "/state").toString());
    StringBuilder renamed = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      renamed
          .append(
              line.startsWith(shippedAgent + ".")
                  ? agent + line.substring(shippedAgent.length())
                  : line)
          .append('\n');
    }
    extraLines.forEach(l -> renamed.append(l).append('\n'));
    Files.createDirectories(work.resolve(agent + "/nginx"));
    Path file = confDir.resolve(agent + ".conf");
    Files.writeString(file, renamed);
    return start(agent + ".conf", List.of());
  }

  /** The log file of the fleet's agent {@code agent} (see {@link #startAs}). */
  Path logOf(String agent) {
    return work.resolve(agent + "/nginx/access.log");
  }

  /** The counter and row table. */
  String table() {
    return table;
  }

  /**
   * The HTTP monitoring of the agent named {@code agent}: one port per name, kept when the agent is
   * started again.
   */
  FlumeMetrics metrics(String agent) throws IOException {
    FlumeMetrics metrics = monitoring.get(agent);
    if (metrics == null) {
      metrics = FlumeMetrics.onFreePort();
      monitoring.put(agent, metrics);
    }
    return metrics;
  }

  void append(ClickLog clickLog, int from, int to) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(clickLog.line(i)).append('\n');
    }
    Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * The committed records of all three topics, once {@code expected} distinct values arrived (then
   * read again 1 s later, so that late repeats are seen too), or when time is up.
   */
  List<String> kafkaValues(int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> values = committedValues();
    while (new HashSet<>(values).size() < expected && System.nanoTime() < deadline) {
      sleep(500);
      values = committedValues();
    }
    sleep(1000);
    return committedValues();
  }

  private List<String> committedValues() {
    List<String> values = new ArrayList<>();
    for (String topic : TOPICS) {
      for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topic(topic), "read_committed")) {
        values.add(new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /**
   * Each value a read_committed consumer sees more than once, with the line id each of its copies
   * carried: a repeat counted twice carries two ids, and which ones tells how the collector came to
   * read the line again.
   */
  Map<String, List<String>> repeatedLineIds() {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (String topic : TOPICS) {
      for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topic(topic), "read_committed")) {
        Header id = r.headers().lastHeader("lineId");
        ids.computeIfAbsent(new String(r.value(), StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(
                (id == null ? "(no lineId)" : new String(id.value(), StandardCharsets.UTF_8))
                    + " "
                    + r.topic()
                    + "-"
                    + r.partition()
                    + "@"
                    + r.offset());
      }
    }
    ids.values().removeIf(copies -> copies.size() < 2);
    return ids;
  }

  /**
   * Copies the agents' logs and saved state of a failed run under {@code target/} (the rig's own
   * directory is a temporary one, deleted after the class), with {@code notes}; returns where.
   */
  Path keepForDiagnosis(List<String> notes) throws IOException {
    Path kept =
        Files.createDirectories(Path.of("target", "failed-rigs", work.getFileName().toString()));
    for (String part : List.of("logs", "state", "conf")) {
      Path from = work.resolve(part);
      if (!Files.isDirectory(from)) {
        continue;
      }
      try (Stream<Path> tree = Files.walk(from)) {
        for (Path p : tree.toList()) {
          Path to = kept.resolve(work.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    Files.write(kept.resolve("notes.txt"), notes, StandardCharsets.UTF_8);
    return kept.toAbsolutePath();
  }

  /** Records a read_committed consumer sees in one of the shipped topics. */
  long committedRecords(String shippedTopic) {
    return kafka.readToEnd(topic(shippedTopic), "read_committed").size();
  }

  /** Counters per {@code <yyyyMMdd>_<course>}, once they sum to {@code expected} or time is up. */
  Map<String, Long> counters(long expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> counted = counters();
    while (sum(counted) < expected && System.nanoTime() < deadline) {
      sleep(500);
      counted = counters();
    }
    // a loader may still be counting repeats: give it time to show them
    sleep(3000);
    return counters();
  }

  Map<String, Long> counters() throws Exception {
    Map<String, Long> counted = new TreeMap<>();
    try (Table t = hbase.connection().getTable(TableName.valueOf(table));
        ResultScanner scanner = t.getScanner(new Scan().addFamily(Bytes.toBytes("c")))) {
      for (Result r : scanner) {
        counted.put(
            Bytes.toString(r.getRow()),
            Bytes.toLong(r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"))));
      }
    }
    return counted;
  }

  long rows() throws Exception {
    long rows = 0;
    try (Table t = hbase.connection().getTable(TableName.valueOf(table));
        ResultScanner scanner = t.getScanner(new Scan().addFamily(Bytes.toBytes("d")))) {
      for (Result r : scanner) {
        rows++;
      }
    }
    return rows;
  }

  /**
   * The lines of an agent's dead-letter files ({@code deadLetter = file:…/<agent>/dead-letters}).
   */
  List<String> deadLetters(String agent) throws IOException {
    Path dir = work.resolve("state").resolve(agent).resolve("dead-letters");
    List<String> letters = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          letters.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
      }
    }
    return letters;
  }

  static long sum(Map<String, Long> counters) {
    return counters.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (FlumeAgent a : agents) {
      if (a.isAlive()) {
        a.stop(Duration.ofSeconds(30));
      }
    }
  }
}
