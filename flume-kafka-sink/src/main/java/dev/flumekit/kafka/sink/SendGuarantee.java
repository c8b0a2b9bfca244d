package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.tooling.DeliveryLink;

/**
 * What a Kafka writer's settings guarantee for the events it takes: the delivery link of the Kafka
 * sink and of the Kafka channel's put side, which share the send path.
 *
 * @param level one of {@link DeliveryLink}'s levels
 * @param reason the settings that decide it, named as an operator writes them
 */
public record SendGuarantee(String level, String reason) {
  public static SendGuarantee of(KafkaSinkConfig config) {
    KafkaSinkConfig.Acks acks = config.get(KafkaSinkConfig.ACKS);
    if (acks != KafkaSinkConfig.Acks.ALL) {
      return new SendGuarantee(
          DeliveryLink.AT_MOST_ONCE,
          "acks = "
              + acks.producerValue()
              + ": a record acknowledged before every in-sync replica has it is lost with its"
              + " leader (acks = all keeps it)");
    }
    if (config.get(KafkaSinkConfig.DEAD_LETTER).kind() == DeadLetterPolicy.Kind.DROP) {
      return new SendGuarantee(
          DeliveryLink.AT_MOST_ONCE,
          "deadLetter = drop: an event Kafka refuses is counted and dropped (topic:<name> or"
              + " file:<dir> keeps it)");
    }
    if (config.get(KafkaSinkConfig.TRANSACTIONAL)) {
      // the Kafka transaction commits before the channel's (or the source's positions): a crash
      // between the two sends the batch again, in a transaction of its own
      return new SendGuarantee(
          DeliveryLink.AT_LEAST_ONCE,
          "transactional = true: each batch is one Kafka transaction, seen whole by"
              + " read_committed consumers, but a crash between its commit and the channel's sends"
              + " it again, whole (an exactly-once HBase sink counts its lines once)");
    }
    return new SendGuarantee(
        DeliveryLink.AT_LEAST_ONCE,
        "transactional = false: a batch tried again after a failure can be written twice, or in"
            + " part");
  }
}
