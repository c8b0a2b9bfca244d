package dev.flumekit.kafka.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaChannelCounterTest {
  private static ConsumerGroupLag.Lag lag(String group, String topic, int partition, long n) {
    return new ConsumerGroupLag.Lag(group, new TopicPartition(topic, partition), n);
  }

  @Test
  void aPutOnlyChannelHoldsWhatItsSlowestReaderHasNotTakenNotZero() {
    KafkaChannelCounter counter = new KafkaChannelCounter("collector-kafka");
    counter.setGroupLag(
        List.of(
            lag("loader", "course-clicks", 0, 35_000),
            lag("loader", "course-clicks", 1, 942),
            lag("audit", "course-clicks", 0, 10),
            lag("audit", "course-clicks", 1, 2_000)),
        true);
    assertEquals(35_000 + 2_000, counter.getChannelSize());
    assertEquals(
        "course-clicks-0=35000 loader\ncourse-clicks-1=942 loader\ncourse-clicks-0=10 audit\n"
            + "course-clicks-1=2000 audit",
        counter.getGroupLag());
  }

  /** A group found only by its offsets may be a console consumer long gone: not the size. */
  @Test
  void groupsFoundByTheirOffsetsAloneDoNotMakeAPutOnlyChannelsSize() {
    KafkaChannelCounter counter = new KafkaChannelCounter("collector-kafka");
    counter.setGroupLag(List.of(lag("console-consumer-7", "course-clicks", 0, 35_000)), false);
    assertEquals(0, counter.getChannelSize());
    assertEquals("course-clicks-0=35000 console-consumer-7", counter.getGroupLag());
  }

  @Test
  void aChannelThatTakesKeepsItsOwnGroupsLagAsItsSize() {
    KafkaChannelCounter counter = new KafkaChannelCounter("loader-clicks");
    List<ConsumerGroupLag.Lag> own = List.of(lag("loader", "course-clicks", 0, 7));
    counter.setTakeGroupLag(own);
    counter.setPartitionLag(java.util.Map.of("course-clicks-0", 7L));
    counter.setGroupLag(List.of(lag("other", "course-clicks", 0, 900)), true);
    assertEquals(7, counter.getChannelSize());
    assertEquals("course-clicks-0=7 loader\ncourse-clicks-0=900 other", counter.getGroupLag());
  }
}
