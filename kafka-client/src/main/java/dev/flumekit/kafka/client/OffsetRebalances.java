package dev.flumekit.kafka.client;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a component's {@link PartitionOffsets} and the records it holds to the partitions its
 * consumer owns. A revoked partition's offset is committed, and waited for, up to what was handed
 * on, before it moves: its new owner starts there. Records held (polled, not handed on) of a
 * revoked or lost partition are dropped: the new owner reads them again from the committed offset,
 * a repeat, never a loss. Runs inside the consumer's poll, on its thread.
 */
public final class OffsetRebalances implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetRebalances.class);

  /** The component that holds the records: drops those of partitions it no longer owns. */
  public interface Holder {
    /** Drops the records held of the partitions. */
    void drop(Collection<TopicPartition> partitions);

    /** Counts a commit of a revoked partition's offset. */
    void committed();

    /** Counts a rebalance that moved partitions. */
    void rebalanced();
  }

  private final String component;
  private final Consumer<?, ?> consumer;
  private final PartitionOffsets offsets;
  private final Holder holder;

  /**
   * @param component the component, for messages ("Source r1")
   */
  public OffsetRebalances(
      String component, Consumer<?, ?> consumer, PartitionOffsets offsets, Holder holder) {
    this.component = component;
    this.consumer = consumer;
    this.offsets = offsets;
    this.holder = holder;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    offsets.own(partitions);
    if (!partitions.isEmpty()) {
      holder.rebalanced();
      LOG.info("{}: partitions assigned: {}", component, partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    holder.drop(partitions);
    commit(partitions);
    offsets.forget(partitions);
    holder.rebalanced();
    LOG.info("{}: partitions revoked: {}", component, partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    // another member owns them already: nothing can be committed for them any more
    holder.drop(partitions);
    offsets.forget(partitions);
    holder.rebalanced();
    LOG.warn("{}: partitions lost: {}", component, partitions);
  }

  /**
   * Commits, and waits for, the offsets of {@code partitions} up to what was handed on: before they
   * move to another member, and when the component stops.
   */
  public void commit(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(partitions);
    if (committable.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(committable);
      offsets.committed(committable);
      holder.committed();
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: committing {} failed ({}); those records will be read again",
          component,
          committable.keySet(),
          e.toString());
    }
  }
}
