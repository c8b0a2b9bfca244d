package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What a consumer may commit as the records it polled are handed on, in any order. */
class PartitionOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("clicks", 0);
  private static final TopicPartition P1 = new TopicPartition("clicks", 1);

  private final PartitionOffsets offsets = new PartitionOffsets();

  private static ConsumerRecord<byte[], byte[]> record(TopicPartition p, long offset) {
    return new ConsumerRecord<>(p.topic(), p.partition(), offset, null, new byte[0]);
  }

  private List<ConsumerRecord<byte[], byte[]>> poll(TopicPartition p, long from, long to) {
    List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
    for (long o = from; o < to; o++) {
      ConsumerRecord<byte[], byte[]> r = record(p, o);
      assertTrue(offsets.polled(r));
      polled.add(r);
    }
    return polled;
  }

  private Long committable(TopicPartition p) {
    OffsetAndMetadata o = offsets.committable(Set.of(p)).get(p);
    return o == null ? null : o.offset();
  }

  @Test
  void movesOnlyPastRecordsHandedOnNeverPastOneStillHeld() {
    offsets.own(List.of(P0));
    List<ConsumerRecord<byte[], byte[]>> polled = poll(P0, 0, 10);
    assertEquals(Set.of(P0), offsets.handedOn(polled.subList(3, 6)));
    assertEquals(0L, committable(P0), "0-2 are still held");
    offsets.handedOn(polled.subList(0, 3));
    assertEquals(6L, committable(P0), "6-9 are still held");
    offsets.handedOn(polled.subList(6, 10));
    assertEquals(10L, committable(P0), "everything polled was handed on");
  }

  @Test
  void aCommittedOffsetIsNotOfferedAgain() {
    offsets.own(List.of(P0));
    offsets.handedOn(poll(P0, 0, 4));
    offsets.committed(offsets.committable(Set.of(P0)));
    assertEquals(null, committable(P0));
    offsets.handedOn(poll(P0, 4, 6));
    assertEquals(6L, committable(P0));
  }

  @Test
  void recordsOfPartitionsNotOwnedAreRefused() {
    offsets.own(List.of(P0));
    assertFalse(offsets.polled(record(P1, 0)));
    assertTrue(offsets.committable(Set.of(P1)).isEmpty());
    offsets.forget(List.of(P0));
    assertFalse(offsets.owns(P0));
    assertFalse(offsets.polled(record(P0, 0)));
  }

  @Test
  void recordsHeldAgainHoldTheOffsetBack() {
    offsets.own(List.of(P0));
    List<ConsumerRecord<byte[], byte[]>> polled = poll(P0, 0, 5);
    offsets.handedOn(polled);
    offsets.heldAgain(polled.subList(2, 5));
    assertEquals(2L, committable(P0));
  }

  @Test
  void aRewindForgetsWhatWasPolledFromThere() {
    offsets.own(List.of(P0));
    List<ConsumerRecord<byte[], byte[]>> polled = poll(P0, 0, 8);
    offsets.handedOn(polled.subList(0, 3));
    offsets.rewound(Map.of(P0, 3L));
    assertEquals(3L, committable(P0), "3-7 are polled again, never committed past");
    offsets.handedOn(poll(P0, 3, 5));
    assertEquals(5L, committable(P0));
  }

  @Test
  void movesPastATransactionMarkerOnlyWhenNothingIsHeld() {
    offsets.own(List.of(P0, P1));
    offsets.handedOn(poll(P0, 0, 3));
    offsets.committed(offsets.committable(Set.of(P0)));
    poll(P1, 0, 1);
    // the consumer stands at 4 on both: offset 3 is a marker
    Map<TopicPartition, OffsetAndMetadata> past = offsets.pastMarkers(p -> 4L);
    assertEquals(
        Map.of(P0, new OffsetAndMetadata(4L)), past, "P1 holds a record, nothing committed");
  }
}
