package dev.flumekit.kafka.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The take side of one thread: Kafka consumers are not thread-safe, and a sink's transactions
 * belong to its thread, so each taking thread has its own consumer in the channel's group (as in
 * Flume's KafkaChannel). Records polled but not yet taken wait in order; the records a transaction
 * took are either committed (their offsets, exactly) or put back in front of the waiting ones.
 */
final class TakeConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TakeConsumer.class);

  private final String channelName;
  private final Consumer<byte[], byte[]> consumer;
  private final Duration pollTimeout;
  private final KafkaChannelCounter counter;

  /** Polled, not yet taken, in poll order (per partition in offset order). */
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();

  /** Taken by the open transaction, in take order. */
  private final List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();

  TakeConsumer(
      String channelName,
      Consumer<byte[], byte[]> consumer,
      Collection<String> topics,
      Duration pollTimeout,
      KafkaChannelCounter counter) {
    this.channelName = channelName;
    this.consumer = consumer;
    this.pollTimeout = pollTimeout;
    this.counter = counter;
    consumer.subscribe(topics, new Rebalances());
  }

  /**
   * The next record for the open transaction, or null if Kafka has none at hand. Only the
   * transaction's first take waits up to pollTimeout; later ones return what is already fetched.
   */
  ConsumerRecord<byte[], byte[]> next() {
    if (waiting.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r :
          consumer.poll(taken.isEmpty() ? pollTimeout : Duration.ZERO)) {
        waiting.add(r);
      }
    }
    ConsumerRecord<byte[], byte[]> record = waiting.poll();
    if (record != null) {
      taken.add(record);
    }
    return record;
  }

  /** Records taken by the open transaction and still owned. */
  int takenCount() {
    return taken.size();
  }

  /**
   * Commits the offsets after the records the transaction took, and waits for the commit.
   *
   * @throws org.apache.kafka.common.KafkaException if the commit failed for another reason than the
   *     partitions moving to another member: the caller rolls back, the records are taken again
   */
  void commit() {
    if (taken.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : taken) {
      offsets.merge(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    try {
      consumer.commitSync(offsets);
      counter.incrementCommitCount();
      taken.clear();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions went to another member meanwhile: it reads these records again from the
      // last committed offset. A repeat, never a loss; this member has nothing to roll back.
      counter.incrementCommitFailedCount();
      LOG.warn(
          "Channel {}: offsets {} not committed, their partitions moved to another consumer ({});"
              + " it takes those events again",
          channelName,
          offsets,
          e.toString());
      taken.clear();
    } catch (RuntimeException e) {
      counter.incrementCommitFailedCount();
      throw e;
    }
  }

  /** Puts the transaction's records back in front of the waiting ones, in their order. */
  void rollback() {
    for (int i = taken.size() - 1; i >= 0; i--) {
      waiting.addFirst(taken.get(i));
    }
    taken.clear();
  }

  @Override
  public void close() {
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("Channel {}: closing a consumer failed: {}", channelName, e.toString());
    }
  }

  /** Keeps waiting and taken records to the partitions this consumer still owns. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      forget(partitions);
      if (!partitions.isEmpty()) {
        counter.incrementRebalanceCount();
        LOG.info("Channel {}: partitions revoked: {}", channelName, partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
      counter.incrementRebalanceCount();
      LOG.warn("Channel {}: partitions lost: {}", channelName, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        counter.incrementRebalanceCount();
        LOG.info("Channel {}: partitions assigned: {}", channelName, partitions);
      }
    }

    /**
     * Their new owner starts from the last committed offset: waiting records are dropped, and
     * records the open transaction took are neither committed nor put back by this member (they
     * reach the sink now and again through the new owner: a repeat of an uncommitted take).
     */
    private void forget(Collection<TopicPartition> partitions) {
      Set<TopicPartition> gone = Set.copyOf(partitions);
      waiting.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
      taken.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }
}
