package dev.flumekit.hbase.sink;

import org.apache.flume.instrumentation.SinkCounter;

/** Flume's sink counters plus the HBase sink's own. */
public final class HBaseSinkCounter extends SinkCounter implements HBaseSinkCounterMBean {
  private static final String PUTS = "sink.hbase.put.count";
  private static final String INCREMENTS = "sink.hbase.increment.count";
  private static final String COALESCED = "sink.hbase.increments.coalesced";
  private static final String DEAD_LETTERS = "sink.hbase.deadLetter.count";
  private static final String RETRIES = "sink.hbase.retry.count";
  private static final String ROLLBACKS = "sink.hbase.rollback.count";

  HBaseSinkCounter(String name) {
    super(name, new String[] {PUTS, INCREMENTS, COALESCED, DEAD_LETTERS, RETRIES, ROLLBACKS});
  }

  void addPuts(long n) {
    addAndGet(PUTS, n);
  }

  void addIncrements(long sent, long coalesced) {
    addAndGet(INCREMENTS, sent);
    addAndGet(COALESCED, coalesced);
  }

  void addDeadLetters(long n) {
    addAndGet(DEAD_LETTERS, n);
  }

  void incrementRetries() {
    increment(RETRIES);
  }

  void incrementRollbacks() {
    increment(ROLLBACKS);
  }

  /** Put mutations sent (one per event row). */
  @Override
  public long getPutCount() {
    return get(PUTS);
  }

  /** Increment mutations sent (one per counter row per batch). */
  @Override
  public long getIncrementCount() {
    return get(INCREMENTS);
  }

  /** Counter cells the events asked for, less the increment cells sent: what coalescing saved. */
  @Override
  public long getIncrementsCoalesced() {
    return get(COALESCED);
  }

  @Override
  public long getDeadLetterCount() {
    return get(DEAD_LETTERS);
  }

  @Override
  public long getRetryCount() {
    return get(RETRIES);
  }

  @Override
  public long getRollbackCount() {
    return get(ROLLBACKS);
  }
}
