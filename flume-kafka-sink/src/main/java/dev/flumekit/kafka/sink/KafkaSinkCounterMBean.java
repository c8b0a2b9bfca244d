package dev.flumekit.kafka.sink;

import org.apache.flume.instrumentation.SinkCounterMBean;

/** The Kafka sink's counters in JMX and Flume's HTTP monitoring: Flume's sink counters and more. */
public interface KafkaSinkCounterMBean extends SinkCounterMBean {
  long getDeadLetterCount();

  long getDeadLetterFallbackCount();

  long getRetryCount();

  long getProducerResetCount();

  /**
   * 1 while the writer pauses sending because another running writer shares its transactional.id
   * (it was fenced 3 times within 10 minutes); 0 otherwise.
   */
  long getTransactionalIdShared();

  long getRollbackCount();

  long getBytesSent();

  long getSendLatencyLastMs();

  long getSendLatencyMaxMs();

  long getSendLatencyTotalMs();

  /**
   * Seconds from a batch's first send to its last acknowledgement, as cumulative buckets: {@code
   * <bound>=<count> ... +Inf=<count> sum=<seconds>}.
   */
  String getSendDurationHistogram();

  /**
   * Seconds between an event's {@code timestamp} header and its delivery, in the same text form.
   */
  String getEventAgeHistogram();

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
