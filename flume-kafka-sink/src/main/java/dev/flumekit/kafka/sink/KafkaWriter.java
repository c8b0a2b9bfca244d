package dev.flumekit.kafka.sink;

import dev.flumekit.common.config.SinkKeys;
import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;

/**
 * The send path: events in, each one acknowledged by Kafka or handed to the dead-letter policy out.
 * Owns the producer, the topic directory and the dead letters, and picks the delivery for the
 * configuration's guarantee. The Kafka sink writes its channel batches with it, the Kafka channel
 * its put transactions; both get the same mapping, routing, retries and dead letters.
 */
public final class KafkaWriter implements AutoCloseable {
  /** How long a topic's existence is waited for before its events are sent as usual. */
  private static final long TOPIC_LOOKUP_TIMEOUT_MS = 5_000;

  /** How soon a missing topic is asked about again, in case it was created meanwhile. */
  private static final long MISSING_RECHECK_MS = 30_000;

  /** How soon a topic's max.message.bytes is read again, in case an operator changed it. */
  private static final long LIMIT_RECHECK_MS = 300_000;

  private final KafkaSinkConfig config;
  private final KafkaRecordSender sender;
  private final TopicDirectory topics;
  private final DeadLetters deadLetters;
  private final WriteWaits waits;
  private final GroupLagMonitor groupLag;
  final BatchDelivery delivery;

  private KafkaWriter(KafkaSinkConfig config, DeliveryCounter counter) {
    this.config = config;
    this.sender =
        new KafkaRecordSender(
            KafkaRecordSender.producerFactory(config),
            config.get(KafkaSinkConfig.TRANSACTIONAL),
            Duration.ofMillis(config.get(KafkaSinkConfig.STOP_TIMEOUT_MS)),
            counter);
    this.topics =
        new AdminTopicDirectory(
            config.logName(),
            ProducerSettings.properties(config),
            TOPIC_LOOKUP_TIMEOUT_MS,
            MISSING_RECHECK_MS,
            LIMIT_RECHECK_MS);
    this.deadLetters =
        DeadLetters.forPolicy(
            config.get(KafkaSinkConfig.DEAD_LETTER),
            SinkKeys.DEAD_LETTER_FILES.read(config),
            config.role().title(),
            config.sinkName(),
            topic -> topicDeadLetters(topic, counter),
            counter::addToDeadLetterCount);
    this.delivery =
        BatchDelivery.forGuarantee(
            config,
            new EventRecordMapper(config),
            topics,
            sender,
            deadLetters,
            Sleeper.SYSTEM,
            counter);
    this.waits = counter.writeWaits();
    // Flume keeps a channel (and its counter) across reloads: an old writer's failure is not ours
    waits.reset();
    int maxGroups = config.get(KafkaSinkConfig.LAG_GROUPS_MAX);
    this.groupLag =
        maxGroups == 0
            ? null
            : new GroupLagMonitor(
                config.logName(),
                ProducerSettings.properties(config),
                Optional.ofNullable(config.get(KafkaSinkConfig.LAG_GROUPS)).orElse(List.of()),
                maxGroups,
                topics::knownTopics,
                counter::setGroupLag);
  }

  /**
   * Starts the send path of a configuration: the producer is created at the first send.
   *
   * @throws org.apache.flume.FlumeException if the dead-letter directory cannot be prepared
   */
  public static KafkaWriter open(KafkaSinkConfig config, DeliveryCounter counter) {
    return new KafkaWriter(config, counter);
  }

  private TopicDeadLetters topicDeadLetters(String topic, DeliveryCounter counter) {
    return new TopicDeadLetters(
        topic,
        topics,
        sender,
        DeadLetters.files(
            config.get(KafkaSinkConfig.DEAD_LETTER_FALLBACK_DIR),
            SinkKeys.DEAD_LETTER_FILES.read(config),
            config.logName(),
            config.sinkName()),
        config.retries().backoff(),
        Sleeper.SYSTEM,
        counter);
  }

  /**
   * Writes the events, retrying as configured, and returns once each is acknowledged or a dead
   * letter.
   *
   * @return how many Kafka acknowledged
   * @throws EventDeliveryException if dead letters cannot be handed over (deadLetter=fail, a full
   *     disk): the caller must roll back
   * @throws InterruptedException if the component is stopping: the caller must roll back
   */
  public int write(List<Event> events) throws EventDeliveryException, InterruptedException {
    try (WriteWaits.Wait w = waits.begin()) {
      try {
        int delivered = delivery.deliver(events).delivered();
        w.delivered();
        return delivered;
      } catch (InterruptedException e) {
        w.abandoned();
        throw e;
      }
    }
  }

  /**
   * Hands letters the caller found itself (records the channel's take side cannot decode) to the
   * dead-letter policy.
   *
   * @throws EventDeliveryException if they cannot be handed over
   */
  public void deadLetter(List<DeadLetter> letters)
      throws EventDeliveryException, InterruptedException {
    deadLetters.handOver(letters);
  }

  /** Where dead letters go, for the start-up log line. */
  public String describeDeadLetters() {
    return deadLetters.describe();
  }

  /** Waits up to stopTimeoutMs for records sent, then closes the producer and the dead letters. */
  @Override
  public void close() {
    if (groupLag != null) {
      groupLag.close();
    }
    sender.close();
    deadLetters.close();
    topics.close();
  }
}
