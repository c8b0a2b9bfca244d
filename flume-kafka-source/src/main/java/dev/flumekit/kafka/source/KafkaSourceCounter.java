package dev.flumekit.kafka.source;

import dev.flumekit.common.metrics.PartitionValues;
import java.util.Map;
import org.apache.flume.instrumentation.SourceCounter;

/** Flume's source counters plus the Kafka source's own. */
public final class KafkaSourceCounter extends SourceCounter implements KafkaSourceCounterMBean {
  private static final String COMMITS = "source.kafka.commit.count";
  private static final String CHANNEL_FULL = "source.kafka.channel.full.count";
  private static final String REBALANCES = "source.kafka.rebalance.count";
  private static final String DECODE_FAILURES = "source.kafka.decode.failure.count";
  private static final String LAG = "source.kafka.records.lag.max";
  private volatile Map<String, Long> partitionLag = Map.of();

  KafkaSourceCounter(String name) {
    super(name, new String[] {COMMITS, CHANNEL_FULL, REBALANCES, DECODE_FAILURES, LAG});
  }

  void incrementCommits() {
    increment(COMMITS);
  }

  void incrementChannelFull() {
    increment(CHANNEL_FULL);
  }

  void incrementRebalances() {
    increment(REBALANCES);
  }

  void addDecodeFailures(long n) {
    addAndGet(DECODE_FAILURES, n);
  }

  /** The lag per partition just measured ({@code topic-partition} → records); sets the max too. */
  void setPartitionLag(Map<String, Long> lag) {
    partitionLag = Map.copyOf(lag);
    set(LAG, lag.values().stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /** Offset commits, one per channel batch, each after the channel transaction committed. */
  @Override
  public long getCommitCount() {
    return get(COMMITS);
  }

  /** Batches the channel refused (full); their records are read again. */
  @Override
  public long getChannelFullCount() {
    return get(CHANNEL_FULL);
  }

  /** Partitions assigned or revoked, as rebalances happened. */
  @Override
  public long getRebalanceCount() {
    return get(REBALANCES);
  }

  /** Records that were not Flume Avro events although useFlumeEventFormat is set. */
  @Override
  public long getDecodeFailureCount() {
    return get(DECODE_FAILURES);
  }

  /** The consumer's records-lag-max: how far the most lagging partition is behind its end. */
  @Override
  public long getRecordsLagMax() {
    return get(LAG);
  }

  /** Per assigned partition, {@code topic-partition=lag}, separated by spaces. */
  @Override
  public String getPartitionLag() {
    return PartitionValues.text(partitionLag);
  }
}
