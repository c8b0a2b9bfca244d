package dev.flumekit.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionValuesTest {
  @Test
  void readsTopicPartitionAndValue() {
    assertEquals(
        List.of(
            new PartitionValues.PartitionValue("course-clicks", 0, 12),
            new PartitionValues.PartitionValue("course-clicks", 11, 0)),
        PartitionValues.parse("course-clicks-0=12 course-clicks-11=0"));
  }

  @Test
  void leavesOutWhatIsNoPartitionsValue() {
    assertEquals(List.of(), PartitionValues.parse(""));
    assertEquals(List.of(), PartitionValues.parse("nodash=3 t-x=4 t-1=y"));
  }

  @Test
  void writesOnePartitionAfterAnotherInNameOrder() {
    assertEquals("", PartitionValues.text(Map.of()));
    assertEquals(
        "access-logs-0=5 course-clicks-0=12 course-clicks-11=0",
        PartitionValues.text(
            Map.of("course-clicks-11", 0L, "access-logs-0", 5L, "course-clicks-0", 12L)));
  }

  @Test
  void whatIsWrittenReadsBackAsTheSameValues() {
    String text = PartitionValues.text(Map.of("my-topic.v2-3", 40L, "my-topic.v2-10", 2L));
    assertEquals(
        List.of(
            new PartitionValues.PartitionValue("my-topic.v2", 10, 2),
            new PartitionValues.PartitionValue("my-topic.v2", 3, 40)),
        PartitionValues.parse(text));
  }
}
