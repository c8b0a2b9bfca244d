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

  /**
   * Events of batches taken again that HBase held already (exactly-once counting: every counter row
   * had counted their line); EventDrainSuccessCount counts only the others.
   */
  long getEventDrainRepeatCount();

  /** Exactly-once markers deleted for not having moved for markerRetentionDays. */
  long getMarkersExpired();

  long getConditionalWrites();

  long getCounterStateReads();

  long getCounterConflicts();

  /**
   * Seconds from a batch's first mutation sent until HBase held all of it (retries included), as
   * cumulative buckets: {@code <bound>=<count> ... +Inf=<count> sum=<seconds>}.
   */
  String getSendDurationHistogram();

  /**
   * Seconds between an event's {@code timestamp} header and its delivery, in the same text form.
   */
  String getEventAgeHistogram();
}
