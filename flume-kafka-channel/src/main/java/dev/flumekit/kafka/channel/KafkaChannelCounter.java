package dev.flumekit.kafka.channel;

import dev.flumekit.common.metrics.Histogram;
import dev.flumekit.common.metrics.PartitionValues;
import dev.flumekit.kafka.client.ConsumerGroupLag;
import dev.flumekit.kafka.sink.DeliveryCounter;
import dev.flumekit.kafka.sink.WriteWaits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.instrumentation.ChannelCounter;

/** Flume's {@link ChannelCounter} plus the put side's send counts and the take side's commits. */
public final class KafkaChannelCounter extends ChannelCounter
    implements KafkaChannelCounterMBean, DeliveryCounter {
  private static final String LATENCY_LAST = "channel.kafka.put.latency.last.ms";
  private static final String LATENCY_MAX = "channel.kafka.put.latency.max.ms";
  private static final String LATENCY_TOTAL = "channel.kafka.put.latency.total.ms";
  private static final String BYTES = "channel.kafka.put.bytes";
  private static final String DEAD_LETTER = "channel.kafka.deadLetter.count";
  private static final String DEAD_LETTER_FALLBACK = "channel.kafka.deadLetter.fallback.count";
  private static final String RETRY = "channel.kafka.retry.count";
  private static final String PRODUCER_RESET = "channel.kafka.producer.reset.count";
  private static final String ID_SHARED = "channel.kafka.transactional.id.shared";
  private static final String INSTANCE_FENCED = "channel.kafka.group.instance.id.fenced";
  private static final String PRODUCER_CREATED = "channel.kafka.producer.created.count";
  private static final String PRODUCER_FAILED = "channel.kafka.producer.failed.count";
  private static final String PRODUCER_CLOSED = "channel.kafka.producer.closed.count";
  private static final String PUT_ROLLBACK = "channel.kafka.put.rollback.count";
  private static final String TAKE_ROLLBACK = "channel.kafka.take.rollback.count";
  private static final String COMMIT = "channel.kafka.commit.count";
  private static final String COMMIT_FAILED = "channel.kafka.commit.failed.count";
  private static final String REBALANCE = "channel.kafka.rebalance.count";
  private static final String DECODE_FAILURE = "channel.kafka.decode.failure.count";

  private static final String[] ATTRIBUTES = {
    LATENCY_LAST,
    LATENCY_MAX,
    LATENCY_TOTAL,
    BYTES,
    DEAD_LETTER,
    DEAD_LETTER_FALLBACK,
    RETRY,
    PRODUCER_RESET,
    ID_SHARED,
    INSTANCE_FENCED,
    PRODUCER_CREATED,
    PRODUCER_FAILED,
    PRODUCER_CLOSED,
    PUT_ROLLBACK,
    TAKE_ROLLBACK,
    COMMIT,
    COMMIT_FAILED,
    REBALANCE,
    DECODE_FAILURE
  };

  private volatile Map<String, Long> partitionLag = Map.of();
  private volatile String groupLag = "";
  private volatile String takeGroupLag = "";
  private final WriteWaits writeWaits = new WriteWaits();
  private final Histogram putDurations = new Histogram(Histogram.DURATION_SECONDS);

  public KafkaChannelCounter(String name) {
    super(name, ATTRIBUTES);
  }

  @Override
  public void recordSendLatency(long nanos) {
    long millis = nanos / 1_000_000;
    putDurations.recordNanos(nanos);
    set(LATENCY_LAST, millis);
    addAndGet(LATENCY_TOTAL, millis);
    if (millis > get(LATENCY_MAX)) {
      set(LATENCY_MAX, millis);
    }
  }

  @Override
  public String getPutDurationHistogram() {
    return putDurations.text();
  }

  @Override
  public long getPutLatencyLastMs() {
    return get(LATENCY_LAST);
  }

  @Override
  public long getPutLatencyMaxMs() {
    return get(LATENCY_MAX);
  }

  @Override
  public long getPutLatencyTotalMs() {
    return get(LATENCY_TOTAL);
  }

  @Override
  public void addToBytesSent(long n) {
    addAndGet(BYTES, n);
  }

  @Override
  public long getPutBytes() {
    return get(BYTES);
  }

  @Override
  public void addToDeadLetterCount(long n) {
    addAndGet(DEAD_LETTER, n);
  }

  @Override
  public long getDeadLetterCount() {
    return get(DEAD_LETTER);
  }

  @Override
  public void addToDeadLetterFallbackCount(long n) {
    addAndGet(DEAD_LETTER_FALLBACK, n);
  }

  @Override
  public long getDeadLetterFallbackCount() {
    return get(DEAD_LETTER_FALLBACK);
  }

  @Override
  public void addToRetryCount(long n) {
    addAndGet(RETRY, n);
  }

  @Override
  public long getRetryCount() {
    return get(RETRY);
  }

  @Override
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

  void setGroupInstanceIdFenced(boolean fenced) {
    set(INSTANCE_FENCED, fenced ? 1 : 0);
  }

  @Override
  public long getGroupInstanceIdFenced() {
    return get(INSTANCE_FENCED);
  }

  @Override
  public long getProducerResetCount() {
    return get(PRODUCER_RESET);
  }

  @Override
  public long incrementConnectionCreatedCount() {
    return increment(PRODUCER_CREATED);
  }

  @Override
  public long incrementConnectionFailedCount() {
    return increment(PRODUCER_FAILED);
  }

  @Override
  public long incrementConnectionClosedCount() {
    return increment(PRODUCER_CLOSED);
  }

  void incrementPutRollbackCount() {
    increment(PUT_ROLLBACK);
  }

  @Override
  public long getPutRollbackCount() {
    return get(PUT_ROLLBACK);
  }

  void incrementTakeRollbackCount() {
    increment(TAKE_ROLLBACK);
  }

  @Override
  public long getTakeRollbackCount() {
    return get(TAKE_ROLLBACK);
  }

  void incrementCommitCount() {
    increment(COMMIT);
  }

  @Override
  public long getCommitCount() {
    return get(COMMIT);
  }

  void incrementCommitFailedCount() {
    increment(COMMIT_FAILED);
  }

  @Override
  public long getCommitFailedCount() {
    return get(COMMIT_FAILED);
  }

  void incrementRebalanceCount() {
    increment(REBALANCE);
  }

  @Override
  public long getRebalanceCount() {
    return get(REBALANCE);
  }

  void addToDecodeFailureCount(long n) {
    addAndGet(DECODE_FAILURE, n);
  }

  @Override
  public long getDecodeFailureCount() {
    return get(DECODE_FAILURE);
  }

  /** The lag per partition just measured; their sum is the channel's size. */
  void setPartitionLag(Map<String, Long> lag) {
    partitionLag = Map.copyOf(lag);
    setChannelSize(lag.values().stream().mapToLong(Long::longValue).sum());
  }

  @Override
  public String getPartitionLag() {
    return PartitionValues.text(partitionLag);
  }

  @Override
  public WriteWaits writeWaits() {
    return writeWaits;
  }

  @Override
  public long getOldestWriteWaitMs() {
    return writeWaits.oldestMillis();
  }

  /** The put side's measurement: the groups reading the topics it writes. */
  @Override
  public void setGroupLag(List<ConsumerGroupLag.Lag> lag, boolean named) {
    groupLag = ConsumerGroupLag.text(lag);
    if (takeGroupLag.isEmpty() && named) {
      // a channel that only puts (a collector): what it holds is what its readers (the groups
      // lagGroups names; a group found by its offsets may be a console consumer long gone) have
      // not taken, the largest group's lag per partition; never 0 while its reader is stopped
      Map<String, Long> held = new HashMap<>();
      for (ConsumerGroupLag.Lag l : lag) {
        held.merge(l.partition().toString(), l.records(), Math::max);
      }
      setChannelSize(held.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  /** The take side's own group, measured with the channel's size. */
  void setTakeGroupLag(List<ConsumerGroupLag.Lag> lag) {
    takeGroupLag = ConsumerGroupLag.text(lag);
  }

  /**
   * Both sides' groups. A channel that reads what it writes has its own group in both: the same
   * labels, one series.
   */
  @Override
  public String getGroupLag() {
    return takeGroupLag.isEmpty() || groupLag.isEmpty()
        ? takeGroupLag + groupLag
        : takeGroupLag + "\n" + groupLag;
  }
}
