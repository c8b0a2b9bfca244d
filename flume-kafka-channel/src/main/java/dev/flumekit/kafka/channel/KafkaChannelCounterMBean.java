package dev.flumekit.kafka.channel;

import org.apache.flume.instrumentation.ChannelCounterMBean;

/**
 * The Kafka channel's counters in JMX and Flume's HTTP monitoring: Flume's channel counters (size
 * is the consumer group's lag on the take topics) and those of both sides.
 */
public interface KafkaChannelCounterMBean extends ChannelCounterMBean {
  long getPutLatencyLastMs();

  long getPutLatencyMaxMs();

  long getPutLatencyTotalMs();

  /**
   * Seconds from a put transaction's first send to Kafka's acknowledgement of all of it, as
   * cumulative buckets: {@code <bound>=<count> ... +Inf=<count> sum=<seconds>}.
   */
  String getPutDurationHistogram();

  long getPutBytes();

  long getDeadLetterCount();

  long getDeadLetterFallbackCount();

  long getRetryCount();

  long getProducerResetCount();

  /**
   * 1 while the writer pauses sending because another running writer shares its transactional.id
   * (it was fenced 3 times within 10 minutes); 0 otherwise.
   */
  long getTransactionalIdShared();

  /**
   * 1 once another member of the group took this channel's group.instance.id: it takes nothing more
   * until restarted; 0 otherwise.
   */
  long getGroupInstanceIdFenced();

  long getPutRollbackCount();

  long getTakeRollbackCount();

  long getCommitCount();

  long getCommitFailedCount();

  long getRebalanceCount();

  long getDecodeFailureCount();

  /** Lag per partition of the take topics, as {@code topic-partition=lag} pairs. */
  String getPartitionLag();

  /**
   * How long the oldest write now waiting for Kafka has waited, in milliseconds (0 when none
   * waits): a cluster that is down blocks writes rather than failing them.
   */
  long getOldestWriteWaitMs();

  /**
   * Lag of the consumer groups reading the topics written, a line {@code <topic>-<partition>=<lag>
   * <group>} each, measured every 15 s.
   */
  String getGroupLag();
}
