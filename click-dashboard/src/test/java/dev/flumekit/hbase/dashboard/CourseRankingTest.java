package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CourseRankingTest {
  private static ClickCounts counts(Map<String, long[]> clicks) {
    return new ClickCounts("20261128", List.of("20261128", "20261127"), clicks, 0, false);
  }

  private static List<String> names(CourseRanking.Ranked ranked) {
    return ranked.shown().stream().map(CourseRanking.Course::name).toList();
  }

  @Test
  void everyDistinctNameIsItsOwnCourseInATotalOrder() {
    Map<String, long[]> clicks = new HashMap<>();
    clicks.put("130", new long[] {3, 0});
    clicks.put("0130", new long[] {5, 1});
    clicks.put("9", new long[] {3, 4});
    clicks.put("__proto__", new long[] {3, 0});
    clicks.put("constructor", new long[] {0, 9});
    clicks.put("\uff5e", new long[] {1, 0});
    clicks.put("\ud83d\ude00", new long[] {1, 0});
    CourseRanking.Ranked ranked = CourseRanking.rank(counts(clicks), 10);
    // today's clicks, most first; then all days' clicks; then names by code point (U+FF5E before
    // U+1F600, where String.compareTo puts the emoji's surrogates first)
    assertEquals(
        List.of("0130", "9", "130", "__proto__", "\uff5e", "\ud83d\ude00", "constructor"),
        names(ranked));
    assertEquals(0, ranked.others());
    assertArrayEquals(new long[] {16, 14}, ranked.totals());
  }

  @Test
  void theOrderDoesNotDependOnTheOrderRead() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(i % 2 == 0 ? String.valueOf(i) : "0" + i);
    }
    List<String> first = null;
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(all, new java.util.Random(round));
      Map<String, long[]> clicks = new java.util.LinkedHashMap<>();
      all.forEach(c -> clicks.put(c, new long[] {c.length() % 3, 1}));
      List<String> order = names(CourseRanking.rank(counts(clicks), 500));
      assertEquals(200, order.size());
      if (first == null) {
        first = order;
      }
      assertEquals(first, order);
    }
  }

  @Test
  void coursesBeyondTheCapAreSummedIntoOneRow() {
    Map<String, long[]> clicks = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      clicks.put("c" + i, new long[] {i % 1000, 1});
    }
    CourseRanking.Ranked ranked = CourseRanking.rank(counts(clicks), 40);
    assertEquals(40, ranked.shown().size());
    assertEquals(199_960, ranked.others());
    assertTrue(ranked.shown().get(0).clicks()[0] == 999, ranked.shown().get(0).name());
    long shownToday = ranked.shown().stream().mapToLong(c -> c.clicks()[0]).sum();
    assertEquals(ranked.totals()[0], shownToday + ranked.otherClicks()[0]);
    assertEquals(200_000 - 40, ranked.otherClicks()[1]);
    assertArrayEquals(new long[] {200L * (999 * 1000 / 2), 200_000}, ranked.totals());
  }
}
