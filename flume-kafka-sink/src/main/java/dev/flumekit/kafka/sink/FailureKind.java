package dev.flumekit.kafka.sink;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** What a failed send means for the record, and for the producer that sent it. */
enum FailureKind {
  /** The cluster may accept the record later (broker down, leader change, timeout): keep it. */
  RETRIABLE,
  /** The record itself is unacceptable and always will be: it becomes a dead letter. */
  RECORD_REJECTED,
  /** The producer can no longer send (fenced, broken sequence): replace it, then retry. */
  PRODUCER_BROKEN;

  static FailureKind of(Throwable error) {
    if (error instanceof RecordTooLargeException
        || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidTopicException
        || error instanceof InvalidRecordException
        || error instanceof CorruptRecordException
        || error instanceof InvalidTimestampException
        || error instanceof SerializationException
        || error instanceof IllegalArgumentException
        || error instanceof PartitionOutOfRangeException
        || isInvalidPartition(error)) {
      return RECORD_REJECTED;
    }
    if (error instanceof ProducerFencedException
        || error instanceof InvalidProducerEpochException
        || error instanceof OutOfOrderSequenceException
        || error instanceof AuthenticationException
        || error instanceof UnsupportedVersionException
        || error instanceof IllegalStateException) {
      return PRODUCER_BROKEN;
    }
    // Everything else, retriable or unknown (authorization, unknown server errors), is kept and
    // retried: an operator can fix the cause, and an event given up on cannot be brought back.
    return RETRIABLE;
  }

  /** kafka-clients refuses a partition beyond the topic's count with a plain KafkaException. */
  private static boolean isInvalidPartition(Throwable error) {
    return error.getClass() == KafkaException.class
        && error.getMessage() != null
        && error.getMessage().startsWith("Invalid partition");
  }
}
