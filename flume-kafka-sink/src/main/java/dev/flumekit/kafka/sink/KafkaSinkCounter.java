package dev.flumekit.kafka.sink;

import dev.flumekit.common.metrics.Histogram;
import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.util.List;
import org.apache.flume.instrumentation.SinkCounter;

/**
 * Flume's {@link SinkCounter} plus the Kafka sink's dead-letter, retry, byte and latency counts,
 * and histograms of send durations and of event ages.
 */
public final class KafkaSinkCounter extends SinkCounter
    implements KafkaSinkCounterMBean, DeliveryCounter {
  private static final String DEAD_LETTER = "sink.kafka.deadLetter.count";
  private static final String DEAD_LETTER_FALLBACK = "sink.kafka.deadLetter.fallback.count";
  private static final String RETRY = "sink.kafka.retry.count";
  private static final String PRODUCER_RESET = "sink.kafka.producer.reset.count";
  private static final String ID_SHARED = "sink.kafka.transactional.id.shared";
  private static final String ROLLBACK = "sink.kafka.rollback.count";
  private static final String BYTES = "sink.kafka.bytes.sent";
  private static final String LATENCY_LAST = "sink.kafka.send.latency.last.ms";
  private static final String LATENCY_MAX = "sink.kafka.send.latency.max.ms";
  private static final String LATENCY_TOTAL = "sink.kafka.send.latency.total.ms";

  private static final String[] ATTRIBUTES = {
    DEAD_LETTER,
    DEAD_LETTER_FALLBACK,
    RETRY,
    PRODUCER_RESET,
    ID_SHARED,
    ROLLBACK,
    BYTES,
    LATENCY_LAST,
    LATENCY_MAX,
    LATENCY_TOTAL
  };

  private final Histogram sendDurations = new Histogram(Histogram.DURATION_SECONDS);
  private final Histogram eventAges = new Histogram(Histogram.AGE_SECONDS);
  private final WriteWaits writeWaits = new WriteWaits();
  private volatile String groupLag = "";

  public KafkaSinkCounter(String name) {
    super(name, ATTRIBUTES);
  }

  @Override
  public long getDeadLetterCount() {
    return get(DEAD_LETTER);
  }

  public void addToDeadLetterCount(long n) {
    addAndGet(DEAD_LETTER, n);
  }

  @Override
  public long getDeadLetterFallbackCount() {
    return get(DEAD_LETTER_FALLBACK);
  }

  public void addToDeadLetterFallbackCount(long n) {
    addAndGet(DEAD_LETTER_FALLBACK, n);
  }

  @Override
  public long getRetryCount() {
    return get(RETRY);
  }

  public void addToRetryCount(long n) {
    addAndGet(RETRY, n);
  }

  @Override
  public long getProducerResetCount() {
    return get(PRODUCER_RESET);
  }

  public void incrementProducerResetCount() {
    increment(PRODUCER_RESET);
  }

  @Override
  public void setTransactionalIdShared(boolean shared) {
    set(ID_SHARED, shared ? 1 : 0);
  }

  @Override
  public long getTransactionalIdShared() {
    return get(ID_SHARED);
  }

  @Override
  public long getRollbackCount() {
    return get(ROLLBACK);
  }

  public void incrementRollbackCount() {
    increment(ROLLBACK);
  }

  @Override
  public long getBytesSent() {
    return get(BYTES);
  }

  public void addToBytesSent(long n) {
    addAndGet(BYTES, n);
  }

  @Override
  public long getSendLatencyLastMs() {
    return get(LATENCY_LAST);
  }

  @Override
  public long getSendLatencyMaxMs() {
    return get(LATENCY_MAX);
  }

  @Override
  public long getSendLatencyTotalMs() {
    return get(LATENCY_TOTAL);
  }

  /** Records the time from a batch's first send to its last acknowledgement. */
  public void recordSendLatency(long nanos) {
    long millis = nanos / 1_000_000;
    set(LATENCY_LAST, millis);
    addAndGet(LATENCY_TOTAL, millis);
    if (millis > get(LATENCY_MAX)) {
      set(LATENCY_MAX, millis);
    }
    sendDurations.recordNanos(nanos);
  }

  @Override
  public String getSendDurationHistogram() {
    return sendDurations.text();
  }

  /** Where the sink records how old the events it delivered were. */
  Histogram eventAges() {
    return eventAges;
  }

  @Override
  public String getEventAgeHistogram() {
    return eventAges.text();
  }

  @Override
  public WriteWaits writeWaits() {
    return writeWaits;
  }

  @Override
  public long getOldestWriteWaitMs() {
    return writeWaits.oldestMillis();
  }

  @Override
  public void setGroupLag(List<ConsumerGroupLag.Lag> lag, boolean named) {
    groupLag = ConsumerGroupLag.text(lag);
  }

  @Override
  public String getGroupLag() {
    return groupLag;
  }
}
