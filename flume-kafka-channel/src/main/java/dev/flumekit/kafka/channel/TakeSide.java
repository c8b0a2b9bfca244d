package dev.flumekit.kafka.channel;

import dev.flumekit.kafka.client.GroupExit;
import dev.flumekit.kafka.client.OffsetRebalances;
import dev.flumekit.kafka.client.PartitionOffsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's take side: one consumer in the channel's group, shared by every thread that takes
 * (a sink with several batches in flight takes from several threads; one consumer per thread would
 * split the partitions and rebalance the group whenever a thread starts). Kafka consumers are not
 * thread-safe, so every call to it holds one lock. Polled records wait in order until a transaction
 * takes them; each partition's committed offset only moves past a record once the transaction that
 * took it committed: the offset committed is the first record polled and not yet committed (or the
 * next to poll). A rollback puts its records back in front, in order.
 */
final class TakeSide implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TakeSide.class);

  /** Longest one poll holds the lock: commits of other threads wait at most this long. */
  private static final long POLL_SLICE_MS = 50;

  private final String channelName;
  private final Consumer<byte[], byte[]> consumer;
  private final long pollTimeoutNanos;
  private final KafkaChannelCounter counter;
  private final Object lock = new Object();

  /** Polled, not yet taken, in poll order (per partition in offset order). */
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();

  /** What the group's offsets may move to: past the records whose take transaction committed. */
  private final PartitionOffsets offsets = new PartitionOffsets();

  /** Whether another member took this consumer's group.instance.id. */
  private boolean fenced;

  TakeSide(
      String channelName,
      Consumer<byte[], byte[]> consumer,
      Collection<String> topics,
      Duration pollTimeout,
      KafkaChannelCounter counter) {
    this.channelName = channelName;
    this.consumer = consumer;
    this.pollTimeoutNanos = pollTimeout.toNanos();
    this.counter = counter;
    synchronized (lock) {
      consumer.subscribe(
          topics, new OffsetRebalances("Channel " + channelName, consumer, offsets, new Waiting()));
    }
  }

  /**
   * The next record for a transaction, or null if Kafka has none at hand: a transaction's first
   * take waits up to pollTimeout, later ones only return what is already fetched.
   */
  ConsumerRecord<byte[], byte[]> next(boolean firstOfTransaction) {
    long deadline = System.nanoTime() + (firstOfTransaction ? pollTimeoutNanos : 0);
    while (true) {
      synchronized (lock) {
        if (fenced) {
          return null; // another member took this one's id and partitions: nothing to take here
        }
        ConsumerRecord<byte[], byte[]> record = waiting.poll();
        if (record != null) {
          return record;
        }
        long remaining = deadline - System.nanoTime();
        try {
          poll(Duration.ofNanos(Math.max(0, Math.min(remaining, POLL_SLICE_MS * 1_000_000))));
        } catch (FencedInstanceIdException e) {
          fenced(e);
          return null;
        }
        record = waiting.poll();
        if (record != null || remaining <= 0) {
          return record;
        }
      }
    }
  }

  /**
   * A member that joined with this consumer's group.instance.id took its place in the group: two
   * loaders share the id. This one stops taking (taking again would need a new member, which would
   * fence the other in turn); the other goes on with the partitions and their committed offsets.
   */
  private void fenced(FencedInstanceIdException e) {
    fenced = true;
    waiting.clear();
    counter.setGroupInstanceIdFenced(true);
    LOG.error(
        "Channel {}: another consumer joined the group with this one's group.instance.id and"
            + " took its partitions ({}). Two running agents share the id: a copied"
            + " configuration, two agents of one name on one host, or cloned hosts. This channel"
            + " takes nothing more until it is restarted; give each running loader its own"
            + " kafka.consumer.group.instance.id. Nothing is lost: the other member takes the"
            + " events from the committed offsets.",
        channelName,
        e.toString());
  }

  private void poll(Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      if (offsets.polled(r)) { // else revoked within this very poll
        waiting.add(r);
      }
    }
    commitPastMarkers();
  }

  /**
   * Commits, for each partition whose polled records are all committed, the consumer's position
   * where it lies beyond them (past a transaction marker; see {@link
   * PartitionOffsets#pastMarkers}).
   */
  private void commitPastMarkers() {
    Map<TopicPartition, OffsetAndMetadata> past = offsets.pastMarkers(consumer::position);
    if (!past.isEmpty()) {
      // no record lies behind these offsets: a failed commit only leaves the lag at a marker
      offsets.committed(past);
      consumer.commitAsync(past, null);
    }
  }

  /**
   * Marks a transaction's records committed and commits, and waits for, the offsets that now move:
   * up to the first record of each partition that is still out or waiting.
   *
   * @throws org.apache.kafka.common.KafkaException if the commit failed for another reason than the
   *     partitions moving to another member: the caller rolls back, the records are taken again
   */
  void commit(List<ConsumerRecord<byte[], byte[]>> taken) {
    synchronized (lock) {
      Map<TopicPartition, OffsetAndMetadata> moved = offsets.committable(offsets.handedOn(taken));
      if (moved.isEmpty()) {
        return;
      }
      try {
        consumer.commitSync(moved);
        offsets.committed(moved);
        counter.incrementCommitCount();
      } catch (FencedInstanceIdException e) {
        // another member holds this one's id and partitions: it takes these records again from
        // the committed offsets; nothing here to roll back, nothing more to take
        counter.incrementCommitFailedCount();
        fenced(e);
        offsets.forgetAll();
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // The partitions went to another member meanwhile: it takes these records again from the
        // last committed offset. A repeat, never a loss; nothing here to roll back.
        counter.incrementCommitFailedCount();
        LOG.warn(
            "Channel {}: offsets {} not committed, their partitions moved to another consumer"
                + " ({}); it takes those events again",
            channelName,
            moved,
            e.toString());
      } catch (RuntimeException e) {
        counter.incrementCommitFailedCount();
        // the records stay uncommitted; the caller's rollback puts them back
        offsets.heldAgain(taken);
        throw e;
      }
    }
  }

  /** Puts a transaction's records back in front of the waiting ones, in their order. */
  void rollback(List<ConsumerRecord<byte[], byte[]>> taken) {
    synchronized (lock) {
      for (int i = taken.size() - 1; i >= 0; i--) {
        ConsumerRecord<byte[], byte[]> r = taken.get(i);
        if (offsets.owns(PartitionOffsets.partition(r))) {
          waiting.addFirst(r);
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      try {
        GroupExit.leaveAndClose(consumer, Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        LOG.warn("Channel {}: closing the consumer failed: {}", channelName, e.toString());
      }
    }
  }

  /**
   * Drops the waiting records of partitions the consumer no longer owns. Runs inside poll, so under
   * the lock. Records open transactions took are neither committed nor put back (they reach the
   * sink now and again through the new owner: a repeat of an uncommitted take).
   */
  private final class Waiting implements OffsetRebalances.Holder {
    @Override
    public void drop(Collection<TopicPartition> partitions) {
      Set<TopicPartition> gone = Set.copyOf(partitions);
      waiting.removeIf(r -> gone.contains(PartitionOffsets.partition(r)));
    }

    @Override
    public void committed() {}

    @Override
    public void rebalanced() {
      counter.incrementRebalanceCount();
    }
  }
}
