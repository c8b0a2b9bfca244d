package dev.flumekit.kafka.source;

import org.apache.flume.instrumentation.SourceCounterMBean;

/** The Kafka source's counters in JMX and Flume's HTTP monitoring: Flume's and more. */
public interface KafkaSourceCounterMBean extends SourceCounterMBean {
  long getCommitCount();

  long getChannelFullCount();

  long getRebalanceCount();

  long getDecodeFailureCount();

  long getRecordsLagMax();

  String getPartitionLag();
}
