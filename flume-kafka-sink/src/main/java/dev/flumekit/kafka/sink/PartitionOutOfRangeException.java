package dev.flumekit.kafka.sink;

/**
 * A record names a partition its topic does not have. kafka-clients would wait {@code max.block.ms}
 * for it to appear and then report a timeout, which looks retriable; the sink checks first.
 */
final class PartitionOutOfRangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PartitionOutOfRangeException(String topic, int partition, int partitionCount) {
    super(
        "partition "
            + partition
            + " of topic "
            + topic
            + " does not exist (the topic has "
            + partitionCount
            + ")");
  }
}
