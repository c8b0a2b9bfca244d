package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRunsTest {
  private static SteadyState.PerLine perEvent(double cpu, double bytes) {
    return new SteadyState.PerLine(cpu, bytes, 1000, 0, 0);
  }

  @Test
  void eachRoundStartsOneContenderFurtherAlong() {
    List<String> abc = List.of("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), RoundRuns.order(abc, 1));
    assertEquals(List.of("b", "c", "a"), RoundRuns.order(abc, 2));
    assertEquals(List.of("c", "a", "b"), RoundRuns.order(abc, 3));
    assertEquals(List.of("a", "b", "c"), RoundRuns.order(abc, 4));
    assertEquals(List.of("d", "a", "b", "c"), RoundRuns.order(List.of("a", "b", "c", "d"), 4));
  }

  @Test
  void mediansPerContenderLeaveOutWhatWasNotMeasured() {
    RoundRuns runs = new RoundRuns();
    runs.add(new RoundRuns.Run("a", 1, 100, perEvent(3, 300)));
    runs.add(new RoundRuns.Run("a", 2, 300, SteadyState.PerLine.NONE));
    runs.add(new RoundRuns.Run("a", 3, 200, perEvent(5, 500)));

    RoundRuns.Medians m = runs.medians("a");

    assertEquals(200, m.eventsPerSecond());
    assertEquals(4, m.cpuMicros()); // of the two rounds with a window: (3 + 5) / 2
    assertEquals(400, m.allocatedBytes());
    assertTrue(Double.isNaN(runs.medians("b").eventsPerSecond()));
  }

  @Test
  void ratiosAreTakenWithinARoundThenTheMedianOfThem() {
    RoundRuns runs = new RoundRuns();
    // a/b round by round: 0.5, 2.0, 1.0; a/min(b, c): 2.0, 2.0, 1.0; a/c: 2.0, 1.0, 1.0
    runs.add(new RoundRuns.Run("a", 1, 100, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("b", 1, 200, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("c", 1, 50, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("a", 2, 400, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("b", 2, 200, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("c", 2, 400, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("a", 3, 300, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("b", 3, 300, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("c", 3, 300, perEvent(1, 1)));

    assertEquals(1.0, runs.medianRatio("a", "b"));
    assertEquals(2.0, runs.medianRatioToLower("a", "b", "c"));
    assertEquals(1.0, runs.medianRatio("a", "c"));
  }

  @Test
  void roundsMissingAContenderAreLeftOutOfItsRatios() {
    RoundRuns runs = new RoundRuns();
    runs.add(new RoundRuns.Run("a", 1, 100, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("b", 1, 50, perEvent(1, 1)));
    runs.add(new RoundRuns.Run("a", 2, 100, perEvent(1, 1)));

    assertEquals(2.0, runs.medianRatio("a", "b"));
    assertTrue(Double.isNaN(runs.medianRatio("a", "z")));
  }

  @Test
  void theTablesPrintCpuAndAllocationBesideEventsPerSecond() {
    RoundRuns runs = new RoundRuns();
    runs.add(new RoundRuns.Run("a", 1, 123456, perEvent(2.345, 1234)));
    runs.add(new RoundRuns.Run("a", 2, 100, SteadyState.PerLine.NONE));

    assertEquals(
        "| Contender | Round | Events/s | CPU µs/event | B allocated/event |\n|---|---|---|---|---|\n"
            + "| a | 1 | 123,456 | 2.35 | 1,234 |\n"
            + "| a | 2 | 100 | n/a | n/a |\n",
        runs.table());
    assertTrue(runs.medianTable(List.of("a")).contains("| a | median | 61,778 | 2.35 | 1,234 |"));
  }
}
