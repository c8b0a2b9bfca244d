package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.retry.Sleeper;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;

/**
 * Delivers one channel batch: every event ends acknowledged by Kafka or a dead letter, and only
 * then may the channel transaction commit. The sink picks one implementation at start from its
 * delivery guarantee: {@link AtLeastOnceDelivery} or {@link TransactionalDelivery}.
 */
abstract sealed class BatchDelivery permits AtLeastOnceDelivery, TransactionalDelivery {
  /**
   * What became of a batch.
   *
   * @param delivered records acknowledged by Kafka
   * @param deadLetters events handed to the dead-letter policy
   */
  record Result(int delivered, int deadLetters) {}

  protected final EventRecordMapper mapper;
  protected final RecordSender sender;
  protected final DeadLetters deadLetters;
  protected final Redelivery redelivery;
  protected final DeliveryCounter counter;
  private final TopicDirectory topics;
  private final String fallbackTopic;

  BatchDelivery(
      EventRecordMapper mapper,
      TopicDirectory topics,
      String fallbackTopic,
      RecordSender sender,
      DeadLetters deadLetters,
      Redelivery redelivery,
      DeliveryCounter counter) {
    this.mapper = mapper;
    this.topics = topics;
    this.fallbackTopic = fallbackTopic;
    this.sender = sender;
    this.deadLetters = deadLetters;
    this.redelivery = redelivery;
    this.counter = counter;
  }

  /**
   * Delivers the events, retrying as configured.
   *
   * @throws EventDeliveryException if dead letters cannot be handed over (deadLetter=fail, a full
   *     disk), so the caller must roll back
   * @throws InterruptedException if the sink is stopping; the caller must roll back
   */
  abstract Result deliver(List<Event> events) throws EventDeliveryException, InterruptedException;

  /**
   * The events as records; those for topics the cluster says are missing routed by policy, those
   * over their topic's message limit set aside.
   */
  protected MappedBatch map(List<Event> events) {
    MappedBatch batch = MappedBatch.of(events, mapper);
    batch.routeMissingTopics(topics, fallbackTopic);
    batch.setAsideOverTopicLimit(topics);
    return batch;
  }

  /** The delivery the configuration's guarantee asks for; the only place that looks at it. */
  static BatchDelivery forGuarantee(
      KafkaSinkConfig config,
      EventRecordMapper mapper,
      TopicDirectory topics,
      RecordSender sender,
      DeadLetters deadLetters,
      Sleeper sleeper,
      DeliveryCounter counter) {
    Redelivery redelivery = new Redelivery(config, sender, sleeper, counter);
    String fallback = config.get(KafkaSinkConfig.FALLBACK_TOPIC);
    return config.get(KafkaSinkConfig.TRANSACTIONAL)
        ? new TransactionalDelivery(
            mapper, topics, fallback, sender, deadLetters, redelivery, counter)
        : new AtLeastOnceDelivery(
            mapper, topics, fallback, sender, deadLetters, redelivery, counter);
  }
}
