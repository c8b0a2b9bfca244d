package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClicksJsonTest {
  private static final ClicksJson JSON = new ClicksJson(5, 3, 100);

  private static ClickCounts counts(Map<String, long[]> clicks, boolean capped) {
    return new ClickCounts("20261128", List.of("20261128", "20261127"), clicks, 9, capped);
  }

  @Test
  void coursesAreAnArrayInTheOrderDrawnWithTheRestSummed() {
    Map<String, long[]> clicks = new LinkedHashMap<>();
    clicks.put("130", new long[] {3, 0});
    clicks.put("0130", new long[] {5, 1});
    clicks.put("__proto__", new long[] {2, 0});
    clicks.put("constructor", new long[] {1, 0});
    clicks.put("toString", new long[] {0, 6});
    ClicksJson.Answer answer =
        JSON.answer(new ClickSnapshots.Snapshot(counts(clicks, false), 42_000, null), 43_500);
    assertEquals(200, answer.status());
    assertEquals(
        "{\"today\":\"20261128\",\"days\":[\"20261128\",\"20261127\"],\"refreshSeconds\":5,"
            + "\"generatedMillis\":42000,\"ageSeconds\":1,\"stale\":false,\"error\":null,"
            + "\"courses\":[{\"name\":\"0130\",\"clicks\":[5,1]},"
            + "{\"name\":\"130\",\"clicks\":[3,0]},{\"name\":\"__proto__\",\"clicks\":[2,0]}],"
            + "\"others\":{\"courses\":2,\"clicks\":[1,6]},\"totals\":[11,7],"
            + "\"cellsRead\":9,\"maxCells\":100,\"capped\":false}",
        answer.json());
  }

  @Test
  void aStaleAnswerSaysSoAndWhy() {
    ClicksJson.Answer answer =
        JSON.answer(
            new ClickSnapshots.Snapshot(
                counts(Map.of("112", new long[] {1, 1}), true),
                42_000,
                "HBase did not answer: IOException"),
            102_000);
    assertEquals(200, answer.status());
    assertTrue(
        answer
            .json()
            .contains(
                "\"ageSeconds\":60,\"stale\":true,\"error\":\"HBase did not answer: IOException\""),
        answer.json());
    assertTrue(answer.json().endsWith("\"capped\":true}"), answer.json());
  }

  @Test
  void withoutAnyGoodReadTheAnswerIs503WithTheError() {
    ClicksJson.Answer answer =
        JSON.answer(new ClickSnapshots.Snapshot(null, 0, "HBase did not answer: IOException"), 0);
    assertEquals(503, answer.status());
    assertEquals(
        "{\"error\":\"HBase did not answer: IOException\",\"refreshSeconds\":5}", answer.json());
  }

  @Test
  void aCourseNameIsDataNotMarkup() {
    ClicksJson.Answer answer =
        JSON.answer(
            new ClickSnapshots.Snapshot(
                counts(Map.of("<b>\"x\u2028", new long[] {1, 0}), false), 0, null),
            0);
    assertTrue(answer.json().contains("\"\\u003cb\\u003e\\\"x\\u2028\""), answer.json());
  }
}
