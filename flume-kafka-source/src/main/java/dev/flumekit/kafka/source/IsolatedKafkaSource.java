package dev.flumekit.kafka.source;

import dev.flumekit.common.config.SinkKeys;
import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.files.Directories;
import dev.flumekit.common.net.BrokerProbe;
import dev.flumekit.common.net.KafkaCredentials;
import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.EventTap;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.kafka.client.ConsumerGroupKeys;
import dev.flumekit.kafka.client.GroupExit;
import dev.flumekit.kafka.client.KafkaReach;
import dev.flumekit.kafka.client.OffsetRebalances;
import dev.flumekit.kafka.client.PartitionOffsets;
import dev.flumekit.kafka.client.RecordEventMapper;
import dev.flumekit.kafka.client.RecordTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.source.AbstractPollableSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads records in batches and writes each batch to the channel in one transaction; the batch's
 * offsets are committed (asynchronously, while the next batch is read) only after that transaction
 * committed, so a crash between the two replays the batch (at least once) and never skips it. A
 * full channel rewinds the consumer to the batch's first records. A partition revoked by a
 * rebalance while a batch is filling drops its records from the batch: its new owner reads them
 * from the last committed offset.
 */
public final class IsolatedKafkaSource extends AbstractPollableSource
    implements BatchSizeSupported, Reachable, DeliveryLink, EventTap {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedKafkaSource.class);

  /** Makes the source's consumer from its properties; the one place the source meets Kafka I/O. */
  @FunctionalInterface
  interface ConsumerFactory {
    Consumer<byte[], byte[]> create(Map<String, Object> properties);

    ConsumerFactory KAFKA =
        properties ->
            new KafkaConsumer<>(
                properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private final ConsumerFactory consumers;
  private KafkaSourceConfig config;
  private KafkaSourceCounter counter;
  private Consumer<byte[], byte[]> consumer;
  private DeadLetters deadLetters;
  private RecordEventMapper mapper;

  /** Records of the batch being filled, per partition, in offset order. */
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> pending =
      new LinkedHashMap<>();

  /**
   * Records polled beyond the batch being filled, in poll order: the next batch starts with them.
   */
  private final List<ConsumerRecord<byte[], byte[]>> carried = new ArrayList<>();

  private long lagReadNanos;

  /** What the group's offsets may move to: past the records already in the channel. */
  private final PartitionOffsets offsets = new PartitionOffsets();

  /** Commits what is in the channel before partitions move, and at stop. */
  private OffsetRebalances rebalances;

  /** The source Flume creates: its consumer is a {@link KafkaConsumer}. */
  public IsolatedKafkaSource() {
    this(ConsumerFactory.KAFKA);
  }

  IsolatedKafkaSource(ConsumerFactory consumers) {
    this.consumers = consumers;
  }

  @Override
  protected void doConfigure(Context context) {
    KafkaSourceConfig parsed = KafkaSourceConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Source {}: {}", getName(), warning);
    }
    config = parsed;
    if (counter == null) {
      counter = new KafkaSourceCounter(getName());
    }
  }

  @Override
  public long getBatchSize() {
    return config.get(KafkaSourceConfig.BATCH_SIZE);
  }

  @Override
  public String deliveryGuarantee() {
    return losing() != null ? AT_MOST_ONCE : AT_LEAST_ONCE;
  }

  /** The setting that lets this source skip or drop records, or null. */
  private String losing() {
    if (config.get(KafkaSourceConfig.USE_FLUME_EVENT_FORMAT)
        && config.get(KafkaSourceConfig.DEAD_LETTER).kind() == DeadLetterPolicy.Kind.DROP) {
      return "deadLetter = drop: a record that does not decode is counted and dropped (file:<dir>"
          + " keeps it)";
    }
    Object reset = config.consumerProperties().get("auto.offset.reset");
    if (reset != null && !"earliest".equals(String.valueOf(reset).trim())) {
      return "kafka.consumer.auto.offset.reset = "
          + reset
          + ": a group without committed offsets skips the records written before it started";
    }
    return null;
  }

  @Override
  public String deliveryReason() {
    return losing() != null
        ? losing()
        : "offsets are committed once the channel holds a batch, so after a crash the records"
            + " since are read again";
  }

  @Override
  public boolean deduplicates() {
    return false;
  }

  /** The brokers answer the consumer's settings and the topics exist (or the pattern matches). */
  @Override
  public List<String> unreachable(Duration timeout) {
    Map<String, Object> properties = config.consumerProperties();
    List<String> problems =
        config.get(KafkaSourceConfig.TOPICS) != null
            ? KafkaReach.unreachable(properties, config.get(KafkaSourceConfig.TOPICS), timeout)
            : KafkaReach.unreachable(
                properties, config.get(KafkaSourceConfig.TOPICS_REGEX), timeout);
    return problems;
  }

  /** The source's topics, as the source sees their events. */
  @Override
  public String tapped() {
    Object topics =
        config.get(KafkaSourceConfig.TOPICS) != null
            ? config.get(KafkaSourceConfig.TOPICS)
            : "matching '" + config.get(KafkaSourceConfig.TOPICS_REGEX) + "'";
    return "topic(s) "
        + topics
        + " on "
        + String.join(",", config.get(KafkaSourceConfig.BOOTSTRAP_SERVERS));
  }

  @Override
  public int tap(int count, Duration timeout, java.util.function.Consumer<Tapped> out) {
    RecordTap tap = new RecordTap(config.consumerProperties(), newMapper());
    return config.get(KafkaSourceConfig.TOPICS) != null
        ? tap.tap(config.get(KafkaSourceConfig.TOPICS), count, timeout, out)
        : tap.tap(config.get(KafkaSourceConfig.TOPICS_REGEX), count, timeout, out);
  }

  private RecordEventMapper newMapper() {
    return new RecordEventMapper(
        config.get(KafkaSourceConfig.USE_FLUME_EVENT_FORMAT),
        config.get(KafkaSourceConfig.SET_TOPIC_HEADER)
            ? config.get(KafkaSourceConfig.TOPIC_HEADER)
            : null);
  }

  /** With Flume's event format, the dead-letter directory for records that do not decode. */
  @Override
  public List<String> unwritable() {
    return config.get(KafkaSourceConfig.USE_FLUME_EVENT_FORMAT)
        ? Directories.ofDeadLetters(config.get(KafkaSourceConfig.DEAD_LETTER), null)
        : List.of();
  }

  @Override
  protected void doStart() {
    BrokerProbe.inBackground(
        "Source " + getName(), config.get(KafkaSourceConfig.BOOTSTRAP_SERVERS));
    Map<String, Object> properties = config.consumerProperties();
    consumer = consumers.create(properties);
    verifyCredentials(properties);
    // only Flume Avro events can fail to decode: no dead letters otherwise, and no directory
    deadLetters =
        config.get(KafkaSourceConfig.USE_FLUME_EVENT_FORMAT)
            ? DeadLetters.forPolicy(
                config.get(KafkaSourceConfig.DEAD_LETTER),
                SinkKeys.DEAD_LETTER_FILES.read(config),
                "Source",
                getName(),
                DeadLetters.TopicHandlerFactory.NONE,
                n -> {})
            : null;
    rebalances = new OffsetRebalances("Source " + getName(), consumer, offsets, new Held());
    if (config.get(KafkaSourceConfig.TOPICS) != null) {
      consumer.subscribe(config.get(KafkaSourceConfig.TOPICS), rebalances);
    } else {
      consumer.subscribe(config.get(KafkaSourceConfig.TOPICS_REGEX), rebalances);
    }
    mapper = newMapper();
    counter.start();
    LOG.info(
        "Source {}: consuming {} as group {} with kafka-clients {}, batches of {} or {} ms",
        getName(),
        config.get(KafkaSourceConfig.TOPICS) != null
            ? config.get(KafkaSourceConfig.TOPICS)
            : config.get(KafkaSourceConfig.TOPICS_REGEX),
        config.get(ConsumerGroupKeys.GROUP_ID),
        AppInfoParser.getVersion(),
        config.get(KafkaSourceConfig.BATCH_SIZE),
        config.get(KafkaSourceConfig.BATCH_DURATION_MS));
  }

  @Override
  protected Status doProcess() throws EventDeliveryException {
    try {
      int count = fill();
      if (count == 0) {
        refreshLag(); // an idle source's lag falls to 0 as its last batch is committed
        return Status.BACKOFF;
      }
      List<Event> events = new ArrayList<>(count);
      List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(count);
      List<DeadLetter> malformed = new ArrayList<>();
      for (List<ConsumerRecord<byte[], byte[]>> records : pending.values()) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
          RecordEventMapper.Mapped mapped = mapper.map(record);
          if (mapped.decodeFailed()) {
            malformed.add(mapped.deadLetter(record.topic()));
          } else {
            events.add(mapped.event());
          }
        }
        batch.addAll(records);
      }
      counter.addToEventReceivedCount(events.size() + malformed.size());
      counter.incrementAppendBatchReceivedCount();
      // durable before the offsets move: a failure from here on reads the batch again
      if (!malformed.isEmpty()) {
        deadLetters.handOver(malformed);
      }
      try {
        getChannelProcessor().processEventBatch(events);
      } catch (ChannelException e) {
        counter.incrementChannelFull();
        counter.incrementChannelWriteFail();
        rewind();
        LOG.warn(
            "Source {}: channel refused a batch of {} ({}); reading it again",
            getName(),
            events.size(),
            e.getMessage());
        return Status.BACKOFF;
      }
      counter.addToEventAcceptedCount(events.size());
      counter.incrementAppendBatchAcceptedCount();
      if (!malformed.isEmpty()) {
        counter.addDecodeFailures(malformed.size());
      }
      pending.clear();
      Map<TopicPartition, OffsetAndMetadata> next = offsets.committable(offsets.handedOn(batch));
      // Asynchronous: the next batch is polled while the commit travels. A commit that fails is
      // superseded by the next one; revoked partitions and stop commit synchronously.
      if (!next.isEmpty()) {
        consumer.commitAsync(next, this::committed);
      }
      refreshLag();
      return Status.READY;
    } catch (WakeupException e) {
      return Status.BACKOFF;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      rewind();
      return Status.BACKOFF;
    } catch (EventDeliveryException e) {
      rewind();
      throw e;
    } catch (RuntimeException e) {
      rewind();
      throw new EventDeliveryException("Source " + getName() + " failed; batch will be re-read", e);
    }
  }

  private void committed(Map<TopicPartition, OffsetAndMetadata> done, Exception error) {
    if (error == null) {
      offsets.committed(done);
      counter.incrementCommits();
    } else {
      LOG.debug(
          "Source {}: commit of {} failed ({}); the next one covers it",
          getName(),
          done,
          error.toString());
    }
  }

  /**
   * Polls until the batch is full or its time is up; returns the number of records held. A poll may
   * return more than the batch has room for: the rest is carried to the next batch.
   */
  private int fill() {
    int batchSize = config.get(KafkaSourceConfig.BATCH_SIZE);
    long deadline =
        System.nanoTime() + config.get(KafkaSourceConfig.BATCH_DURATION_MS) * 1_000_000L;
    List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>(carried);
    carried.clear();
    int count = 0;
    // records come grouped by partition: the list of the last one is reused while it repeats
    List<ConsumerRecord<byte[], byte[]>> last = null;
    TopicPartition lastPartition = null;
    while (true) {
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        if (count < batchSize) {
          if (lastPartition == null || !PartitionOffsets.holds(lastPartition, record)) {
            lastPartition = PartitionOffsets.partition(record);
            last = pending.computeIfAbsent(lastPartition, k -> new ArrayList<>());
          }
          last.add(record);
          count++;
        } else {
          carried.add(record);
        }
      }
      long remaining = deadline - System.nanoTime();
      if (count >= batchSize || remaining <= 0) {
        return count;
      }
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(remaining));
      // sized once: growing it record by record was ~10% of the source's CPU samples (JFR)
      polled = new ArrayList<>(records.count());
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (offsets.polled(record)) { // else revoked within this very poll
          polled.add(record);
        }
      }
    }
  }

  /**
   * Moves the consumer back to the first record held (in the batch or carried) of each partition,
   * and forgets them: they are polled again.
   */
  private void rewind() {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (List<ConsumerRecord<byte[], byte[]>> records : pending.values()) {
      records.forEach(r -> first.merge(PartitionOffsets.partition(r), r.offset(), Math::min));
    }
    carried.forEach(r -> first.merge(PartitionOffsets.partition(r), r.offset(), Math::min));
    for (Map.Entry<TopicPartition, Long> f : first.entrySet()) {
      if (consumer.assignment().contains(f.getKey())) {
        consumer.seek(f.getKey(), f.getValue());
      }
    }
    offsets.rewound(first);
    pending.clear();
    carried.clear();
  }

  private void refreshLag() {
    long now = System.nanoTime();
    if (now - lagReadNanos > 1_000_000_000L) {
      // one ListOffsets round trip a second, not per batch
      lagReadNanos = now;
      currentLag().ifPresent(counter::setPartitionLag);
    }
  }

  /**
   * The lag now of each of this source's partitions: end offset minus the next offset to read. Not
   * the client's windowed records-lag-max, which keeps its last value for a while after the
   * partition is read to its end. Empty while brokers are away or a position is not known yet (the
   * previous values stand).
   */
  private Optional<Map<String, Long>> currentLag() {
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      return Optional.of(Map.of());
    }
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofMillis(500));
      Map<String, Long> lag = new HashMap<>();
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        // records held for the batch being filled count as read: they are on their way
        lag.put(
            end.getKey().toString(),
            Math.max(0, end.getValue() - consumer.position(end.getKey(), Duration.ZERO)));
      }
      return Optional.of(lag);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * With SASL or TLS, asks the cluster for its topics once: refused credentials fail the start
   * (retrying cannot heal them), a cluster that does not answer in 10 s does not (it may come up
   * later).
   */
  private void verifyCredentials(Map<String, Object> properties) {
    String protocol = KafkaCredentials.protocol(properties);
    if (protocol == null) {
      return;
    }
    String component = "Source " + getName();
    try {
      consumer.listTopics(Duration.ofSeconds(10));
      LOG.info(KafkaCredentials.accepted(component, protocol));
    } catch (AuthenticationException refused) {
      consumer.close(Duration.ZERO);
      consumer = null;
      String message =
          KafkaCredentials.refused(component, protocol, "kafka.consumer.", refused.getMessage());
      LOG.error(message);
      throw new FlumeException(message);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      LOG.warn(KafkaCredentials.unverified(component, e));
    }
  }

  @Override
  protected void doStop() {
    if (consumer != null) {
      try {
        if (rebalances != null) { // null when the start failed before subscribing
          rebalances.commit(consumer.assignment()); // what is in the channel
        }
        GroupExit.leaveAndClose(consumer, Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        LOG.warn("Source {}: closing the consumer failed: {}", getName(), e.toString());
      }
      consumer = null;
    }
    pending.clear();
    carried.clear();
    offsets.forgetAll();
    if (deadLetters != null) {
      deadLetters.close();
      deadLetters = null;
    }
    counter.stop();
    LOG.info("Source {} stopped. Counters: {}", getName(), counter);
  }

  /**
   * Drops the records of revoked or lost partitions from the batch being filled: their new owner
   * reads them from the last committed offset.
   */
  private final class Held implements OffsetRebalances.Holder {
    @Override
    public void drop(Collection<TopicPartition> partitions) {
      carried.removeIf(r -> partitions.contains(PartitionOffsets.partition(r)));
      for (TopicPartition p : partitions) {
        pending.remove(p);
      }
    }

    @Override
    public void committed() {
      counter.incrementCommits();
    }

    @Override
    public void rebalanced() {
      counter.incrementRebalances();
    }
  }
}
