package dev.flumekit.kafka.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a consumer may commit, per partition it owns, for a component that hands records on
 * (the Kafka source to its channel, the Kafka channel's take side to its sinks): the offset
 * committed for a partition only moves past a record once the record was handed on, never past one
 * still held, whatever order they are handed on in. The offset to commit is the first record polled
 * and not handed on yet, or the offset after the last record polled. Not thread-safe: the owner
 * guards it as it guards its consumer.
 */
public final class PartitionOffsets {
  /** Per owned partition: offsets polled and not handed on yet. */
  private final Map<TopicPartition, OpenOffsets> open = new HashMap<>();

  /**
   * The partition of the last record looked up and its open offsets: a poll hands over each
   * partition's records together, so most records skip the key and the map lookup.
   */
  private TopicPartition lastPartition;

  private OpenOffsets lastOpen;

  /** Per owned partition: the offset last committed. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  public static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** Whether the record is of this partition, without making a key for the record. */
  public static boolean holds(TopicPartition partition, ConsumerRecord<?, ?> record) {
    return partition.partition() == record.partition() && partition.topic().equals(record.topic());
  }

  /** The partitions were assigned to the consumer: their offsets are tracked from now on. */
  public void own(Collection<TopicPartition> partitions) {
    for (TopicPartition p : partitions) {
      open.put(p, new OpenOffsets());
    }
    lastPartition = null;
  }

  public boolean owns(TopicPartition partition) {
    return open.containsKey(partition);
  }

  /**
   * Notes a record polled; false if its partition is not owned (revoked within the poll that
   * returned it): the record is to be dropped, its new owner reads it.
   */
  public boolean polled(ConsumerRecord<?, ?> record) {
    OpenOffsets offsets = openOf(record);
    if (offsets == null) {
      return false;
    }
    offsets.polled(record.offset());
    return true;
  }

  /**
   * The open offsets of the record's partition (and it in {@code lastPartition}); null if not
   * owned.
   */
  private OpenOffsets openOf(ConsumerRecord<?, ?> record) {
    if (lastPartition == null || !holds(lastPartition, record)) {
      TopicPartition p = partition(record);
      OpenOffsets offsets = open.get(p);
      if (offsets == null) {
        return null;
      }
      lastPartition = p;
      lastOpen = offsets;
    }
    return lastOpen;
  }

  /** The records were handed on; returns the owned partitions whose offsets may move. */
  public Set<TopicPartition> handedOn(Collection<? extends ConsumerRecord<?, ?>> records) {
    Set<TopicPartition> touched = new HashSet<>();
    TopicPartition added = null; // records come grouped by partition: one set insert per run
    for (ConsumerRecord<?, ?> r : records) {
      OpenOffsets offsets = openOf(r);
      if (offsets != null && offsets.remove(r.offset()) && lastPartition != added) {
        touched.add(lastPartition);
        added = lastPartition;
      }
    }
    return touched;
  }

  /**
   * The records were not handed on after all (their commit failed): they hold the offsets again.
   */
  public void heldAgain(Collection<? extends ConsumerRecord<?, ?>> records) {
    for (ConsumerRecord<?, ?> r : records) {
      OpenOffsets offsets = openOf(r);
      if (offsets != null) {
        offsets.add(r.offset());
      }
    }
  }

  /**
   * The consumer was moved back to {@code first} offsets (it polls those records again): what was
   * polled from there on is forgotten.
   */
  public void rewound(Map<TopicPartition, Long> first) {
    for (Map.Entry<TopicPartition, Long> f : first.entrySet()) {
      OpenOffsets offsets = open.get(f.getKey());
      if (offsets != null) {
        offsets.rewound(f.getValue());
      }
    }
  }

  /**
   * Per partition, the offset before which every polled record was handed on, where it moved past
   * the offset last committed.
   */
  public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition p : partitions) {
      OpenOffsets held = open.get(p);
      if (held == null || held.polledUpTo() < 0) {
        continue;
      }
      long offset = held.isEmpty() ? held.polledUpTo() : held.first();
      Long last = committed.get(p);
      if (last == null || offset > last) {
        offsets.put(p, new OffsetAndMetadata(offset));
      }
    }
    return offsets;
  }

  /**
   * For each partition whose polled records were all handed on and that has a committed offset, the
   * consumer's position where it lies beyond: what lies between is a transaction marker (a
   * transactional writer leaves one after each of its transactions), which no record's offset ever
   * moves past, so the group's lag would never come back to 0.
   */
  public Map<TopicPartition, OffsetAndMetadata> pastMarkers(
      ToLongFunction<TopicPartition> position) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OpenOffsets> e : open.entrySet()) {
      Long last = committed.get(e.getKey());
      if (!e.getValue().isEmpty() || last == null) {
        continue;
      }
      long at = position.applyAsLong(e.getKey());
      if (at > last) {
        offsets.put(e.getKey(), new OffsetAndMetadata(at));
      }
    }
    return offsets;
  }

  /** The offsets were committed (of partitions still owned; an offset never moves back). */
  public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (p, o) -> {
          if (open.containsKey(p)) {
            committed.merge(p, o.offset(), Math::max);
          }
        });
  }

  /** The partitions went to another member: nothing is tracked for them any more. */
  public void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition p : partitions) {
      open.remove(p);
      committed.remove(p);
    }
    lastPartition = null;
  }

  /** Every partition went to another member. */
  public void forgetAll() {
    open.clear();
    committed.clear();
    lastPartition = null;
  }
}
