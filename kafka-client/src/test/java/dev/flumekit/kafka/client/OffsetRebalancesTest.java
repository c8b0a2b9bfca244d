package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A revoked partition commits what was handed on before it moves; held records are dropped. */
class OffsetRebalancesTest {
  private static final TopicPartition P0 = new TopicPartition("clicks", 0);
  private static final TopicPartition P1 = new TopicPartition("clicks", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final PartitionOffsets offsets = new PartitionOffsets();
  private final List<TopicPartition> dropped = new ArrayList<>();
  private int commits;
  private int rebalances;

  private final OffsetRebalances.Holder holder =
      new OffsetRebalances.Holder() {
        @Override
        public void drop(Collection<TopicPartition> partitions) {
          dropped.addAll(partitions);
        }

        @Override
        public void committed() {
          commits++;
        }

        @Override
        public void rebalanced() {
          rebalances++;
        }
      };

  private List<ConsumerRecord<byte[], byte[]>> pollAll() {
    List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ZERO)) {
      if (offsets.polled(r)) {
        polled.add(r);
      }
    }
    return polled;
  }

  private Long committed(TopicPartition p) {
    OffsetAndMetadata o = consumer.committed(Set.of(p)).get(p);
    return o == null ? null : o.offset();
  }

  @Test
  void aRevokedPartitionCommitsWhatWasHandedOnAndDropsWhatIsHeld() {
    consumer.subscribe(
        List.of("clicks"), new OffsetRebalances("Source s", consumer, offsets, holder));
    consumer.rebalance(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    assertEquals(1, rebalances);
    assertTrue(offsets.owns(P0) && offsets.owns(P1));
    for (int i = 0; i < 6; i++) {
      consumer.addRecord(new ConsumerRecord<>("clicks", 0, i, null, new byte[0]));
    }
    List<ConsumerRecord<byte[], byte[]>> polled = pollAll();
    assertEquals(6, polled.size());
    offsets.handedOn(polled.subList(0, 4));

    consumer.rebalance(List.of(P1));

    assertEquals(List.of(P0), dropped);
    assertEquals(1, commits);
    assertFalse(offsets.owns(P0));
    consumer.rebalance(List.of(P0, P1)); // MockConsumer shows the offsets of assigned partitions
    assertEquals(4L, committed(P0), "4 and 5 were held: their new owner reads them");
    assertNull(committed(P1), "nothing polled from P1, nothing to commit");
  }

  @Test
  void aLostPartitionCommitsNothing() {
    OffsetRebalances rebalances = new OffsetRebalances("Channel c", consumer, offsets, holder);
    rebalances.onPartitionsAssigned(List.of(P0));
    offsets.polled(new ConsumerRecord<>("clicks", 0, 0, null, new byte[0]));
    rebalances.onPartitionsLost(List.of(P0));
    assertEquals(List.of(P0), dropped);
    assertEquals(0, commits);
    assertFalse(offsets.owns(P0));
  }
}
