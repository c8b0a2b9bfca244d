package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlumeReasonsTest {
  private static final String REMOVED = "has been removed due to an error during configuration";

  @Test
  void flumesGenericRemovalGivesWayToTheCause() {
    assertEquals(
        List.of("acks = '2': expected one of all, -1, 1, 0"),
        FlumeReasons.causes(
            "dev.flumekit.kafka.KafkaChannel",
            List.of(REMOVED, "acks = '2': expected one of all, -1, 1, 0")));
    assertEquals(List.of(REMOVED), FlumeReasons.causes("seq", List.of(REMOVED)));
  }

  @Test
  void aMessageOfFlumesOwnThatNamesNoKeyIsGivenItsKey() {
    assertEquals(
        List.of(
            "sink.directory: required, expected the directory file_roll writes its files to"
                + " (Flume: Directory may not be null)"),
        FlumeReasons.causes("file_roll", List.of(REMOVED, "Directory may not be null")));
  }

  @Test
  void onlyALostChannelFollowsFromTheChannel() {
    assertTrue(FlumeReasons.followsFromItsChannel(REMOVED));
    assertTrue(FlumeReasons.followsFromItsChannel("Source src is not connected to a channel"));
    assertFalse(FlumeReasons.followsFromItsChannel("batchSize = '0': expected an integer >= 1"));
  }

  @Test
  void aMisspeltInterceptorAliasGetsFlumesNearest() {
    assertEquals(
        Optional.of("timestamp"),
        InterceptorTypes.nearest("timestmp", InterceptorBuilders.CLASS_PATH));
    assertEquals(
        Optional.empty(),
        InterceptorTypes.nearest("com.example.Entirely$Different", InterceptorBuilders.CLASS_PATH));
  }
}
