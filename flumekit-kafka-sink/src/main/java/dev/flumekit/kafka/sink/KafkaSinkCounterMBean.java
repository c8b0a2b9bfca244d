package dev.flumekit.kafka.sink;

import org.apache.flume.instrumentation.SinkCounterMBean;

/** The Kafka sink's counters in JMX and Flume's HTTP monitoring: Flume's sink counters and more. */
public interface KafkaSinkCounterMBean extends SinkCounterMBean {
  long getDeadLetterCount();

  long getDeadLetterFallbackCount();

  long getRetryCount();

  long getProducerResetCount();

  long getRollbackCount();

  long getBytesSent();

  long getSendLatencyLastMs();

  long getSendLatencyMaxMs();

  long getSendLatencyTotalMs();
}
