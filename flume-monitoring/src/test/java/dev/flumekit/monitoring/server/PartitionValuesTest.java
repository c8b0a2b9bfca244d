package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
