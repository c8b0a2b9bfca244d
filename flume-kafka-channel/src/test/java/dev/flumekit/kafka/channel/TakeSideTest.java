package dev.flumekit.kafka.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The take side's offset bookkeeping, on a MockConsumer: no broker. */
class TakeSideTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);

  private MockConsumer<byte[], byte[]> consumer;
  private TakeSide takeSide;
  private final KafkaChannelCounter counter = new KafkaChannelCounter("take");

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    takeSide = new TakeSide("c", consumer, List.of("t"), Duration.ofMillis(10), counter);
    consumer.rebalance(List.of(P0));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    for (long offset = 0; offset < 10; offset++) {
      consumer.addRecord(new ConsumerRecord<>("t", 0, offset, null, new byte[] {(byte) offset}));
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> take(int count) {
    List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ConsumerRecord<byte[], byte[]> r = takeSide.next(taken.isEmpty());
      if (r == null) {
        break;
      }
      taken.add(r);
    }
    return taken;
  }

  private Long committedOffset() {
    OffsetAndMetadata o = consumer.committed(Set.of(P0)).get(P0);
    return o == null ? null : o.offset();
  }

  @Test
  void aConsumerWhoseInstanceIdAnotherMemberTookStopsTakingAndSaysSo() {
    consumer.setPollException(new FencedInstanceIdException("fenced by another member"));
    assertEquals(List.of(), take(4));
    assertEquals(1, counter.getGroupInstanceIdFenced());
    // no new member is created (it would fence the other in turn): takes stay empty
    consumer.addRecord(new ConsumerRecord<>("t", 0, 10, null, new byte[] {10}));
    assertEquals(List.of(), take(4));
  }

  @Test
  void aCommitMovesTheOffsetPastExactlyWhatWasTaken() {
    List<ConsumerRecord<byte[], byte[]>> first = take(4);
    assertEquals(4, first.size());
    takeSide.commit(first);
    assertEquals(4L, committedOffset(), "records 4-9 were polled but not taken");
  }

  @Test
  void aLaterTransactionCommittingFirstDoesNotMoveTheOffsetPastAnEarlierOpenOne() {
    List<ConsumerRecord<byte[], byte[]>> earlier = take(3);
    List<ConsumerRecord<byte[], byte[]>> later = take(3);
    takeSide.commit(later);
    assertTrue(committedOffset() == null || committedOffset() == 0L, "0-2 are still out");
    takeSide.commit(earlier);
    assertEquals(6L, committedOffset());
  }

  @Test
  void aRollbackGivesTheSameRecordsInOrderToTheNextTake() {
    List<ConsumerRecord<byte[], byte[]>> first = take(5);
    takeSide.rollback(first);
    List<ConsumerRecord<byte[], byte[]>> again = take(5);
    assertEquals(
        first.stream().map(ConsumerRecord::offset).toList(),
        again.stream().map(ConsumerRecord::offset).toList());
    takeSide.commit(again);
    assertEquals(5L, committedOffset());
  }

  @Test
  void aRevokedPartitionsRecordsAreDroppedAndNeverCommittedHere() {
    List<ConsumerRecord<byte[], byte[]>> open = take(3);
    consumer.rebalance(List.of());
    assertNull(takeSide.next(true), "waiting records of the revoked partition are dropped");
    takeSide.commit(open); // its new owner takes them again from the committed offset
    assertTrue(committedOffset() == null || committedOffset() == 0L, "never past the open ones");
  }
}
