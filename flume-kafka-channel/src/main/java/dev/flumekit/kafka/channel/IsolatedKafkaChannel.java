package dev.flumekit.kafka.channel;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.files.Directories;
import dev.flumekit.common.net.BrokerProbe;
import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.EventTap;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.common.tooling.TakePreview;
import dev.flumekit.kafka.client.ClusterLogin;
import dev.flumekit.kafka.client.ConsumerGroupKeys;
import dev.flumekit.kafka.client.KafkaReach;
import dev.flumekit.kafka.client.RecordEventMapper;
import dev.flumekit.kafka.client.RecordTap;
import dev.flumekit.kafka.sink.KafkaSinkConfig;
import dev.flumekit.kafka.sink.KafkaWriter;
import dev.flumekit.kafka.sink.ProducerSettings;
import dev.flumekit.kafka.sink.RecordPreviews;
import dev.flumekit.kafka.sink.SendGuarantee;
import dev.flumekit.kafka.sink.WriterReach;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicChannelSemantics;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka channel's implementation. A put transaction's commit writes its events with the Kafka
 * sink's send path and returns once Kafka acknowledged each one (or the dead-letter policy has it);
 * a take transaction's commit commits the consumer offsets of exactly the records it took.
 * Operators name {@link dev.flumekit.kafka.KafkaChannel}, which runs this class isolated from
 * Flume's own kafka-clients.
 */
public final class IsolatedKafkaChannel extends BasicChannelSemantics
    implements Reachable, RecordPreview, DeliveryLink, EventTap, TakePreview {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedKafkaChannel.class);

  private KafkaChannelConfig config;
  private KafkaChannelCounter counter;
  private KafkaWriter writer;
  private LagMonitor lag;

  /** Created at the first take: a channel that only puts (a collector) never joins the group. */
  private TakeSide takeSide;

  /** Per taking thread: the mapper reuses its partition-name cache. */
  private final ThreadLocal<RecordEventMapper> mappers = new ThreadLocal<>();

  @Override
  public void configure(Context context) {
    KafkaChannelConfig parsed = KafkaChannelConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Channel {}: {}", getName(), warning);
    }
    config = parsed;
    if (counter == null) {
      counter = new KafkaChannelCounter(getName());
    }
  }

  /** The record an event put into this channel would become. */
  @Override
  public Map<String, String> preview(Map<String, String> headers, byte[] body) {
    return RecordPreviews.of(config.put(), headers, body);
  }

  /**
   * The event a take would make of a record, by the take side's own mapper; the headers a Flume
   * event value would carry are given decoded, as record headers.
   */
  @Override
  public Map.Entry<Map<String, String>, byte[]> taken(
      String topic,
      int partition,
      String key,
      Long timestamp,
      Map<String, String> headers,
      byte[] body) {
    if (!config.takeTopics().contains(topic)) {
      return null;
    }
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            topic,
            partition,
            0L,
            timestamp == null ? System.currentTimeMillis() : timestamp,
            TimestampType.CREATE_TIME,
            -1,
            -1,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            body,
            recordHeaders,
            Optional.empty());
    Event event =
        new RecordEventMapper(false, config.get(KafkaSinkConfig.TOPIC_HEADER)).map(record).event();
    return Map.entry(event.getHeaders(), event.getBody());
  }

  /** The put side's link: what a source's batch becomes in the channel's topic. */
  @Override
  public String deliveryGuarantee() {
    return SendGuarantee.of(config.put()).level();
  }

  @Override
  public String deliveryReason() {
    return SendGuarantee.of(config.put()).reason();
  }

  @Override
  public boolean deduplicates() {
    return false;
  }

  @Override
  public String takeGuarantee() {
    return undecodableDropped() ? AT_MOST_ONCE : AT_LEAST_ONCE;
  }

  @Override
  public String takeReason() {
    return undecodableDropped()
        ? "parseAsFlumeEvent = true with deadLetter = drop: a record that does not decode is"
            + " counted and dropped"
        : "offsets are committed once its sink's transaction commits, so after a crash a batch is"
            + " taken again";
  }

  private boolean undecodableDropped() {
    return config.get(KafkaChannelConfig.PARSE_AS_FLUME_EVENT)
        && config.put().get(KafkaSinkConfig.DEAD_LETTER).kind() == DeadLetterPolicy.Kind.DROP;
  }

  /** The topics takes read, as the channel's takes see their events. */
  @Override
  public String tapped() {
    return "topic(s) "
        + config.takeTopics()
        + " on "
        + String.join(",", config.put().get(KafkaSinkConfig.BOOTSTRAP_SERVERS));
  }

  @Override
  public int tap(int count, Duration timeout, Consumer<Tapped> out) {
    return new RecordTap(takeConsumerProperties(), newMapper())
        .tap(config.takeTopics(), count, timeout, out);
  }

  /**
   * The brokers answer the put side's producer settings and the take side's consumer settings, and
   * every topic either side names exists.
   */
  @Override
  public List<String> unreachable(Duration timeout) {
    KafkaSinkConfig put = config.put();
    List<String> problems = WriterReach.unreachable(put, timeout);
    if (problems.stream().noneMatch(KafkaReach::isClusterSilent)) {
      for (String problem :
          KafkaReach.unreachable(takeConsumerProperties(), config.takeTopics(), timeout)) {
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /** The put side's dead-letter directories can be written. */
  @Override
  public List<String> unwritable() {
    KafkaSinkConfig put = config.put();
    return Directories.ofDeadLetters(
        put.get(KafkaSinkConfig.DEAD_LETTER), put.get(KafkaSinkConfig.DEAD_LETTER_FALLBACK_DIR));
  }

  @Override
  public synchronized void start() {
    KafkaSinkConfig put = config.put();
    BrokerProbe.inBackground("Channel " + getName(), put.get(KafkaSinkConfig.BOOTSTRAP_SERVERS));
    ClusterLogin.verify(
        "Channel " + getName(), ProducerSettings.properties(put), "kafka.producer.");
    ClusterLogin.verify("Channel " + getName(), takeConsumerProperties(), "kafka.consumer.");
    writer = KafkaWriter.open(put, counter);
    counter.start(); // zeroes every counter: the capacity is set after it
    counter.setChannelCapacity(config.get(KafkaChannelConfig.CAPACITY));
    LOG.info(
        "Channel {}: kafka-clients {} on {}; puts to {} (acks={}, compression={}), dead letters to"
            + " {}; takes from {} as group {}",
        getName(),
        AppInfoParser.getVersion(),
        String.join(",", put.get(KafkaSinkConfig.BOOTSTRAP_SERVERS)),
        put.topic(),
        put.get(KafkaSinkConfig.ACKS).producerValue(),
        put.get(KafkaSinkConfig.COMPRESSION).producerValue(),
        writer.describeDeadLetters(),
        config.takeTopics(),
        config.get(ConsumerGroupKeys.GROUP_ID));
    super.start();
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new KafkaChannelTransaction(getName(), writer, this::takeSide, this::mapper, counter);
  }

  private synchronized TakeSide takeSide() {
    if (takeSide == null) {
      Map<String, Object> properties = takeConsumerProperties();
      takeSide =
          new TakeSide(
              getName(),
              new KafkaConsumer<>(
                  properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
              config.takeTopics(),
              Duration.ofMillis(config.get(KafkaChannelConfig.POLL_TIMEOUT)),
              counter);
      lag = new LagMonitor(getName(), properties, config.takeTopics(), counter);
    }
    return takeSide;
  }

  /** The take side's consumer properties, under the take side's client id. */
  private Map<String, Object> takeConsumerProperties() {
    return config.consumerProperties("flumekit-" + getName() + "-take");
  }

  private RecordEventMapper mapper() {
    RecordEventMapper mapper = mappers.get();
    if (mapper == null) {
      mapper = newMapper();
      mappers.set(mapper);
    }
    return mapper;
  }

  private RecordEventMapper newMapper() {
    return new RecordEventMapper(
        config.get(KafkaChannelConfig.PARSE_AS_FLUME_EVENT),
        config.get(KafkaSinkConfig.TOPIC_HEADER));
  }

  @Override
  public synchronized void stop() {
    // Flume stops sources and sinks first: no thread takes or puts any more
    if (takeSide != null) {
      takeSide.close();
      takeSide = null;
    }
    if (lag != null) {
      lag.close();
      lag = null;
    }
    if (writer != null) {
      writer.close();
      writer = null;
    }
    counter.stop();
    LOG.info("Channel {} stopped. Counters: {}", getName(), counter);
    super.stop();
  }
}
