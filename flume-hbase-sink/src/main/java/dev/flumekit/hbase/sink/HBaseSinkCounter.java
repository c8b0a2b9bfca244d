package dev.flumekit.hbase.sink;

import dev.flumekit.common.metrics.Histogram;
import org.apache.flume.instrumentation.SinkCounter;

/**
 * Flume's sink counters plus the HBase sink's own, and histograms of write durations and of event
 * ages.
 */
public final class HBaseSinkCounter extends SinkCounter implements HBaseSinkCounterMBean {
  private static final String PUTS = "sink.hbase.put.count";
  private static final String INCREMENTS = "sink.hbase.increment.count";
  private static final String COALESCED = "sink.hbase.increments.coalesced";
  private static final String DEAD_LETTERS = "sink.hbase.deadLetter.count";
  private static final String RETRIES = "sink.hbase.retry.count";
  private static final String ROLLBACKS = "sink.hbase.rollback.count";
  private static final String REPEATS = "sink.hbase.counter.repeats.skipped";
  private static final String ALREADY_STORED = "sink.hbase.events.already.stored";
  private static final String EXPIRED = "sink.hbase.counter.markers.expired";
  private static final String CONDITIONAL = "sink.hbase.counter.conditional.writes";
  private static final String STATE_READS = "sink.hbase.counter.state.reads";
  private static final String CONFLICTS = "sink.hbase.counter.conflicts";

  private final Histogram sendDurations = new Histogram(Histogram.DURATION_SECONDS);
  private final Histogram eventAges = new Histogram(Histogram.AGE_SECONDS);

  HBaseSinkCounter(String name) {
    super(
        name,
        new String[] {
          PUTS,
          INCREMENTS,
          COALESCED,
          DEAD_LETTERS,
          RETRIES,
          ROLLBACKS,
          REPEATS,
          ALREADY_STORED,
          EXPIRED,
          CONDITIONAL,
          STATE_READS,
          CONFLICTS
        });
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

  void addRepeatsSkipped(long n) {
    addAndGet(REPEATS, n);
  }

  void addEventsAlreadyStored(long n) {
    if (n > 0) {
      addAndGet(ALREADY_STORED, n);
    }
  }

  /**
   * Events of batches taken again whose lines HBase held counted already (exactly-once counting):
   * stored before, so not in EventDrainSuccessCount.
   */
  @Override
  public long getEventDrainRepeatCount() {
    return get(ALREADY_STORED);
  }

  void addMarkersExpired(long n) {
    if (n > 0) {
      addAndGet(EXPIRED, n);
    }
  }

  @Override
  public long getMarkersExpired() {
    return get(EXPIRED);
  }

  void addConditionalWrites(long n) {
    addAndGet(CONDITIONAL, n);
  }

  void addStateReads(long n) {
    addAndGet(STATE_READS, n);
  }

  void addConflicts(long n) {
    addAndGet(CONFLICTS, n);
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

  /**
   * Exactly-once counting: events whose line a counter row had counted already (replayed by a
   * loader, re-sent by a collector), so they added nothing.
   */
  @Override
  public long getRepeatsSkipped() {
    return get(REPEATS);
  }

  /** Exactly-once counting: conditional row writes sent (counters and applied markers at once). */
  @Override
  public long getConditionalWrites() {
    return get(CONDITIONAL);
  }

  /** Exactly-once counting: counter rows whose applied markers were read from HBase. */
  @Override
  public long getCounterStateReads() {
    return get(STATE_READS);
  }

  /**
   * Exactly-once counting: conditional writes refused because the row changed since it was read
   * (another writer, or a write whose outcome was unknown); the row is read again and replanned.
   */
  @Override
  public long getCounterConflicts() {
    return get(CONFLICTS);
  }

  /** Records the time from a batch's first mutation sent until HBase held all of it. */
  void recordSendDuration(long nanos) {
    sendDurations.recordNanos(nanos);
  }

  Histogram eventAges() {
    return eventAges;
  }

  @Override
  public String getSendDurationHistogram() {
    return sendDurations.text();
  }

  @Override
  public String getEventAgeHistogram() {
    return eventAges.text();
  }
}
