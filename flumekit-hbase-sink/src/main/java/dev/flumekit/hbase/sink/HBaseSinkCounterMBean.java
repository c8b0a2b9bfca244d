package dev.flumekit.hbase.sink;

import org.apache.flume.instrumentation.SinkCounterMBean;

/** The HBase sink's counters in JMX and Flume's HTTP monitoring: Flume's sink counters and more. */
public interface HBaseSinkCounterMBean extends SinkCounterMBean {
  long getPutCount();

  long getIncrementCount();

  long getIncrementsCoalesced();

  long getDeadLetterCount();

  long getRetryCount();

  long getRollbackCount();

  long getRepeatsSkipped();

  long getConditionalWrites();

  long getCounterStateReads();

  long getCounterConflicts();
}
