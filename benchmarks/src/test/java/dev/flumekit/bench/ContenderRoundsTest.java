package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContenderRoundsTest {
  private static SteadyState.PerLine steady(double cpu, double allocated) {
    // a tenth of the CPU went to the JIT compilers
    return new SteadyState.PerLine(cpu, allocated, 1000, 0, 1, Map.of("JIT", cpu / 10));
  }

  @Test
  void theOrderRotatesByRound() {
    List<String> two = List.of("a", "b");
    assertEquals(List.of("a", "b"), ContenderRounds.order(two, 1));
    assertEquals(List.of("b", "a"), ContenderRounds.order(two, 2));
    assertEquals(List.of("a", "b"), ContenderRounds.order(two, 3));
    List<String> three = List.of("a", "b", "c");
    assertEquals(List.of("b", "c", "a"), ContenderRounds.order(three, 2));
    assertEquals(List.of("c", "a", "b"), ContenderRounds.order(three, 3));
  }

  @Test
  void ratiosArePerRoundWhateverTheOrderTheyRanIn() {
    ContenderRounds r = new ContenderRounds("event");
    r.add(new ContenderRounds.Run("ours", 1, 200, steady(10, 1000)));
    r.add(new ContenderRounds.Run("theirs", 1, 100, steady(20, 2000)));
    r.add(new ContenderRounds.Run("theirs", 2, 100, steady(10, 2000)));
    r.add(new ContenderRounds.Run("ours", 2, 150, steady(10, 1000)));
    r.add(new ContenderRounds.Run("ours", 3, 110, steady(Double.NaN, Double.NaN)));
    r.add(new ContenderRounds.Run("theirs", 3, 100, steady(10, 2000)));

    assertEquals(
        List.of(2.0, 1.5, 1.1), r.ratios("ours", "theirs", ContenderRounds.Run::perSecond));
    assertEquals(
        "ours / theirs: events/s 2.00, 1.50, 1.10, median 1.50;"
            + " CPU µs/event 0.50, 1.00, n/a, median 0.75",
        r.ratios("ours", "theirs"));
  }

  @Test
  void theReportHasARowPerRunAndTheMediansPerContender() {
    ContenderRounds r = new ContenderRounds("line");
    r.add(new ContenderRounds.Run("ours", 1, 2000, steady(1.25, 1500)));
    r.add(new ContenderRounds.Run("theirs", 1, 1000, steady(Double.NaN, Double.NaN)));
    r.add(new ContenderRounds.Run("ours", 2, 3000, steady(1.5, 1700)));
    r.add(new ContenderRounds.Run("ours", 3, 4000, steady(2.0, 1600)));

    assertEquals(
        List.of(
            "| Round | Contender | lines/s | CPU µs/line | without JIT | B allocated/line |",
            "|---|---|---|---|---|---|",
            "| 1 | ours | 2,000 | 1.25 | 1.13 | 1,500 |",
            "| 1 | theirs | 1,000 | n/a | n/a | n/a |",
            "| 2 | ours | 3,000 | 1.50 | 1.35 | 1,700 |",
            "| 3 | ours | 4,000 | 2.00 | 1.80 | 1,600 |"),
        r.table());
    assertEquals(
        List.of(
            "| Contender (median of rounds) | lines/s | CPU µs/line | without JIT | B allocated/line |",
            "|---|---|---|---|---|",
            "| ours | 3,000 | 1.50 | 1.35 | 1,600 |",
            "| theirs | 1,000 | n/a | n/a | n/a |"),
        r.medians());
  }

  @Test
  void ratiosToTheLowerOfTwoFloorsAreTakenWithinARoundThenTheMedian() {
    ContenderRounds runs = new ContenderRounds("event");
    // a/b round by round: 0.5, 2.0, 1.0; a/min(b, c): 2.0, 2.0, 1.0; round 4 has no c
    runs.add(new ContenderRounds.Run("a", 1, 100, steady(1, 1)));
    runs.add(new ContenderRounds.Run("b", 1, 200, steady(1, 1)));
    runs.add(new ContenderRounds.Run("c", 1, 50, steady(1, 1)));
    runs.add(new ContenderRounds.Run("c", 2, 400, steady(1, 1)));
    runs.add(new ContenderRounds.Run("a", 2, 400, steady(1, 1)));
    runs.add(new ContenderRounds.Run("b", 2, 200, steady(1, 1)));
    runs.add(new ContenderRounds.Run("a", 3, 300, steady(1, 1)));
    runs.add(new ContenderRounds.Run("b", 3, 300, steady(1, 1)));
    runs.add(new ContenderRounds.Run("c", 3, 300, steady(1, 1)));
    runs.add(new ContenderRounds.Run("a", 4, 300, steady(1, 1)));
    runs.add(new ContenderRounds.Run("b", 4, 30, steady(1, 1)));

    assertEquals(1.5, runs.medianRatio("a", "b")); // 0.5, 2.0, 1.0, 10.0
    assertEquals(2.0, runs.medianRatioToLower("a", "b", "c"));
    // serial floors 1/(1/b + 1/c): 40, 133.3, 150; a over them: 2.5, 3.0, 2.0
    assertEquals(2.5, runs.medianRatioToSerial("a", "b", "c"), 1e-9);
    assertEquals(300, runs.rate("a", 3));
    assertTrue(Double.isNaN(runs.rate("c", 4)));
    assertTrue(Double.isNaN(runs.medianRatio("a", "z")));
  }
}
