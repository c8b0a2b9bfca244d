package dev.flumekit.kafka.sink;

import dev.flumekit.common.channel.BatchPipeline;
import dev.flumekit.common.channel.ChannelBatch;
import dev.flumekit.common.channel.SinkTransaction;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.files.Directories;
import dev.flumekit.common.metrics.EventAge;
import dev.flumekit.common.net.BrokerProbe;
import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.EventTap;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.kafka.client.ClusterLogin;
import dev.flumekit.kafka.client.RecordEventMapper;
import dev.flumekit.kafka.client.RecordTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka sink's implementation: one channel transaction per batch, committed only once every
 * event of the batch is acknowledged by Kafka (per {@code acks}) or handed to the dead-letter
 * policy. Operators name {@link dev.flumekit.kafka.KafkaSink}, which runs this class isolated from
 * Flume's own kafka-clients.
 *
 * <p>With {@code inFlightBatches > 1}, batches are delivered by a {@link BatchPipeline}, each in
 * its own channel transaction on a worker thread: one worker takes and sends its batch while
 * earlier ones wait for their acknowledgements. Batches take and hand records to the producer in
 * turn ({@link SendTurns}), so records are sent in channel order.
 */
public final class IsolatedKafkaSink extends AbstractSink
    implements Configurable, BatchSizeSupported, Reachable, RecordPreview, DeliveryLink, EventTap {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedKafkaSink.class);

  private KafkaSinkConfig config;
  private KafkaSinkCounter counter;
  private KafkaWriter writer;

  /** Delivers a batch on its own: at least once, or in a transaction. */
  private BatchDelivery delivery;

  /** With inFlightBatches > 1 (never transactional): the delivery that pipelines batches. */
  private AtLeastOnceDelivery pipelined;

  /** With inFlightBatches > 1: batches on worker threads, each in its own transaction. */
  private BatchPipeline pipeline;

  private final SendTurns sendTurns = new SendTurns();

  @Override
  public void configure(Context context) {
    KafkaSinkConfig parsed = KafkaSinkConfig.parse(getName(), context.getParameters());
    for (String warning : parsed.warnings()) {
      LOG.warn("Sink {}: {}", getName(), warning);
    }
    this.config = parsed;
    if (counter == null) {
      counter = new KafkaSinkCounter(getName());
    }
  }

  @Override
  public long getBatchSize() {
    return config.get(KafkaSinkConfig.BATCH_SIZE);
  }

  /** The record an event would become, as this sink would send it. */
  @Override
  public Map<String, String> preview(Map<String, String> headers, byte[] body) {
    return RecordPreviews.of(config, headers, body);
  }

  @Override
  public String deliveryGuarantee() {
    return SendGuarantee.of(config).level();
  }

  @Override
  public String deliveryReason() {
    return SendGuarantee.of(config).reason();
  }

  /** A record written twice is two records: a consumer sees both. */
  @Override
  public boolean deduplicates() {
    return false;
  }

  /** The topics this sink writes, as a reader of them sees their events. */
  @Override
  public String tapped() {
    return "topic(s) "
        + tapTopics()
        + " on "
        + String.join(",", config.get(KafkaSinkConfig.BOOTSTRAP_SERVERS));
  }

  @Override
  public int tap(int count, Duration timeout, Consumer<Tapped> out) {
    if (tapTopics().isEmpty()) {
      throw new IllegalStateException(
          "sink "
              + getName()
              + " names its topics by kafka.topic = "
              + config.topic()
              + " only: set topicAllowList to the topics it may write, and tap reads those");
    }
    return new RecordTap(
            ProducerSettings.properties(config),
            new RecordEventMapper(config.get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT), null))
        .tap(tapTopics(), count, timeout, out);
  }

  /** The topics the sink's events go to: its topic, allow-list and fallback, not dead letters. */
  private List<String> tapTopics() {
    List<String> topics = new ArrayList<>(WriterReach.topicsOf(config));
    DeadLetterPolicy deadLetter = config.get(KafkaSinkConfig.DEAD_LETTER);
    if (deadLetter.kind() == DeadLetterPolicy.Kind.TOPIC) {
      topics.remove(deadLetter.target());
    }
    return topics.stream().distinct().toList();
  }

  /** The brokers answer the producer's settings and every topic the sink may write exists. */
  @Override
  public List<String> unreachable(Duration timeout) {
    return WriterReach.unreachable(config, timeout);
  }

  /** The dead-letter directories can be written. */
  @Override
  public List<String> unwritable() {
    return Directories.ofDeadLetters(
        config.get(KafkaSinkConfig.DEAD_LETTER),
        config.get(KafkaSinkConfig.DEAD_LETTER_FALLBACK_DIR));
  }

  @Override
  public synchronized void start() {
    BrokerProbe.inBackground("Sink " + getName(), config.get(KafkaSinkConfig.BOOTSTRAP_SERVERS));
    ClusterLogin.verify(
        "Sink " + getName(), ProducerSettings.properties(config), "kafka.producer.");
    writer = KafkaWriter.open(config, counter);
    delivery = writer.delivery;
    int inFlightBatches = config.get(KafkaSinkConfig.IN_FLIGHT_BATCHES);
    if (inFlightBatches > 1) {
      pipelined = (AtLeastOnceDelivery) delivery;
      pipeline = new BatchPipeline(getName(), inFlightBatches, this::deliverBatch);
    }
    counter.start();
    LOG.info(
        "Sink {}: writing to {} on {}, batches of {}, {} in flight, dead letters to {}",
        getName(),
        config.topic(),
        String.join(",", config.get(KafkaSinkConfig.BOOTSTRAP_SERVERS)),
        config.get(KafkaSinkConfig.BATCH_SIZE),
        inFlightBatches,
        writer.describeDeadLetters());
    super.start();
  }

  @Override
  public Status process() throws EventDeliveryException {
    return pipeline == null ? deliverBatch(-1) : pipeline.process();
  }

  /**
   * Takes one batch from the channel in a transaction and commits it once it is delivered.
   *
   * @param ticket the batch's turn to take and send among batches in flight, or -1 when batches are
   *     delivered one at a time
   */
  private Status deliverBatch(long ticket) throws EventDeliveryException {
    Channel channel = getChannel();
    return SinkTransaction.run(
        channel,
        getName(),
        counter,
        counter::incrementRollbackCount,
        () -> {
          // a batch waits for Kafka from its take to its acknowledgement (an outage blocks it)
          try (WriteWaits.Wait w = counter.writeWaits().begin()) {
            BatchDelivery.Result result =
                ticket >= 0 ? deliverInTurn(channel, ticket) : deliverAlone(channel);
            w.delivered();
            return result == null ? -1 : result.delivered();
          }
        });
  }

  /** Delivers a batch on its own; null if the channel was empty. */
  private BatchDelivery.Result deliverAlone(Channel channel)
      throws EventDeliveryException, InterruptedException {
    List<Event> events = take(channel);
    return events.isEmpty() ? null : delivered(events, delivery.deliver(events));
  }

  /**
   * Takes and sends a batch when its turn comes, then waits for it outside the turn; null if the
   * channel was empty.
   */
  private BatchDelivery.Result deliverInTurn(Channel channel, long ticket)
      throws EventDeliveryException, InterruptedException {
    AtLeastOnceDelivery.Started started;
    List<Event> events;
    sendTurns.await(ticket);
    try {
      events = take(channel);
      if (events.isEmpty()) {
        return null;
      }
      started = pipelined.start(events);
    } finally {
      sendTurns.next();
    }
    boolean channelDrained = events.size() < config.get(KafkaSinkConfig.BATCH_SIZE);
    return delivered(events, pipelined.finish(started, channelDrained));
  }

  /** Records how old the batch's events were once it is delivered. */
  private BatchDelivery.Result delivered(List<Event> events, BatchDelivery.Result result) {
    EventAge.record(events, counter.eventAges(), System.currentTimeMillis());
    return result;
  }

  private List<Event> take(Channel channel) {
    return ChannelBatch.take(channel, config.get(KafkaSinkConfig.BATCH_SIZE), counter);
  }

  @Override
  public synchronized void stop() {
    LOG.info(
        "Sink {}: stopping; waiting up to {} ms for batches in flight",
        getName(),
        config.get(KafkaSinkConfig.STOP_TIMEOUT_MS));
    if (pipeline != null) {
      pipeline.stop(config.get(KafkaSinkConfig.STOP_TIMEOUT_MS));
    }
    if (writer != null) {
      writer.close();
    }
    counter.stop();
    LOG.info("Sink {} stopped. Counters: {}", getName(), counter);
    super.stop();
  }
}
