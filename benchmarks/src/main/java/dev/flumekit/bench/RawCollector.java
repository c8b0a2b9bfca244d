package dev.flumekit.bench;

import dev.flumekit.common.files.DurableFile;
import dev.flumekit.interceptor.AccessLogParsing;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw contender's collector: the shipped collector's work in one plain Java process, no Flume,
 * its settings read from the same {@code collector.conf}. It reads the log file, splits it into
 * lines, parses each with the access-log interceptor's parser and keys (format, fields, path
 * templates, onError = tag), sets the line identity ({@code <file id>:<byte offset>}) and host,
 * routes each line as the shipped rules do (a parse error to rule 1's topic, a course to rule 2's,
 * the rest to the default), and produces each batch of {@code batchSize} lines as one Kafka
 * transaction (when the channel is {@code transactional}, as shipped; else the batch is flushed and
 * every acknowledgement checked) with the channel's producer settings (acks=all, snappy,
 * idempotent, linger.ms 5, batch.size 256 KiB), the line's time as record time (the send time for a
 * line older than an hour, its time then in a header), the copied headers as record headers. After
 * each commit the position is written and synced, as the tail source saves its positions. At the
 * end of the file it waits for more.
 *
 * <p>Not done (the agent does): rotations, several files, metrics, dead letters, retries beyond the
 * producer's own, a configuration check. Usage: {@code RawCollector <progress file>
 * <collector.conf>}.
 */
public final class RawCollector {
  private static final String SOURCE = "collector.sources.tail.";
  private static final String CHANNEL = "collector.channels.kafka.";
  private static final String ROUTE = SOURCE + "interceptors.route.";

  /** The channel's default maxRecordTimeAgeMs, which the shipped collector keeps. */
  private static final long MAX_RECORD_TIME_AGE_MS = 3_600_000L;

  private RawCollector() {}

  public static void main(String[] args) throws Exception {
    RawProgress progress = new RawProgress(Path.of(args[0]));
    AgentProperties conf = AgentProperties.load(Path.of(args[1]));
    Path log = Path.of(conf.get(SOURCE + "filegroups.nginx"));
    Path positions = Path.of(conf.get(SOURCE + "positionFile"));
    Files.createDirectories(positions.getParent());
    int batchSize = Integer.parseInt(conf.get(SOURCE + "batchSize"));
    AccessLogParsing parsing = new AccessLogParsing(conf.under(SOURCE + "interceptors.access."));
    String errorHeader = conf.get(ROUTE + "rule.1.header");
    String unparsedTopic = conf.get(ROUTE + "rule.1.value");
    String routedHeader = conf.get(ROUTE + "rule.2.header");
    String routedTopic = conf.get(ROUTE + "rule.2.value");
    String defaultTopic = conf.get(ROUTE + "default");
    String keyHeader = conf.placeholderOf(SOURCE + "interceptors.key.template");
    String timestampHeader = conf.get(CHANNEL + "timestampHeader");
    String lineIdHeader = conf.get(SOURCE + "lineIdHeader");
    List<String> copied = List.of(conf.get(CHANNEL + "copyHeaders").split("\\s*,\\s*"));
    String host = InetAddress.getLocalHost().getHostName();
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    String fileId = HexFormat.of().formatHex(id);

    Map<String, Object> producer = new HashMap<>();
    producer.put("bootstrap.servers", conf.get(CHANNEL + "kafka.bootstrap.servers"));
    producer.put("acks", "all");
    producer.put("compression.type", "snappy");
    producer.put("linger.ms", 5);
    producer.put("batch.size", 262144);
    producer.put("enable.idempotence", true);
    producer.put("client.id", "raw-collector");
    // as the channel: a batch is one Kafka transaction when it is transactional, else the batch is
    // flushed and every record's acknowledgement checked before the position moves
    boolean transactional = Boolean.parseBoolean(conf.get(CHANNEL + "transactional"));
    if (transactional) {
      producer.put("transactional.id", "raw-collector-" + fileId);
    }
    progress.publish();
    try (InputStream in = Files.newInputStream(log);
        KafkaProducer<byte[], byte[]> kafka =
            new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
      if (transactional) {
        kafka.initTransactions();
      }
      AtomicReference<Exception> failed = new AtomicReference<>();
      LogFileLines lines = new LogFileLines(in);
      List<byte[]> batch = new ArrayList<>(batchSize);
      List<Long> offsets = new ArrayList<>(batchSize);
      while (true) {
        batch.clear();
        offsets.clear();
        while (batch.size() < batchSize && lines.next()) {
          batch.add(lines.line());
          offsets.add(lines.lineOffset());
        }
        if (batch.isEmpty()) {
          Thread.sleep(100); // the end of the file: wait for more, as a tail does
          continue;
        }
        if (transactional) {
          kafka.beginTransaction();
        }
        for (int i = 0; i < batch.size(); i++) {
          byte[] line = batch.get(i);
          Map<String, String> headers = new HashMap<>();
          headers.put("host", host);
          headers.put(lineIdHeader, fileId + ':' + offsets.get(i));
          if (!parsing.parse(line, headers)) {
            continue;
          }
          String topic =
              headers.containsKey(errorHeader)
                  ? unparsedTopic
                  : headers.containsKey(routedHeader) ? routedTopic : defaultTopic;
          String key = headers.get(keyHeader);
          List<Header> recordHeaders = new ArrayList<>(copied.size() + 1);
          for (String name : copied) {
            String value = headers.get(name);
            if (value != null) {
              recordHeaders.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            }
          }
          Long timestamp = null;
          String time = headers.get(timestampHeader);
          if (time != null) {
            timestamp = Long.parseLong(time);
            if (timestamp < System.currentTimeMillis() - MAX_RECORD_TIME_AGE_MS) {
              timestamp = null; // retention deletes by record time: the line's time as a header
              recordHeaders.add(
                  new RecordHeader(timestampHeader, time.getBytes(StandardCharsets.UTF_8)));
            }
          }
          kafka.send(
              new ProducerRecord<>(
                  topic,
                  null,
                  timestamp,
                  key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                  line,
                  recordHeaders),
              (metadata, error) -> {
                if (error != null) {
                  failed.compareAndSet(null, error);
                }
              });
        }
        if (transactional) {
          kafka.commitTransaction();
        } else {
          kafka.flush();
        }
        if (failed.get() != null) {
          throw failed.get(); // no retries beyond the producer's own: the run fails loudly
        }
        savePosition(positions, fileId, lines.nextOffset());
        progress.add("read", batch.size());
        progress.add("committed", batch.size());
        progress.publish();
      }
    }
  }

  /** As the tail source saves positions: written aside, synced, renamed, the directory synced. */
  private static void savePosition(Path positions, String fileId, long offset) throws Exception {
    DurableFile.replace(
        positions, (fileId + '\t' + offset + '\n').getBytes(StandardCharsets.UTF_8));
  }
}
