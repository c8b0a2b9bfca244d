package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickCountsTest {
  private static final ClickCounts COUNTS =
      new ClickCounts(
          "20261128",
          List.of("20261128", "20261127"),
          Map.of(
              "20261128", Map.of("112", 5L, "9", 2L),
              "20261127", Map.of("130", 7L)));

  @Test
  void coursesAreSortedAsNumbersAndTotalsAddUp() {
    assertEquals(List.of("9", "112", "130"), COUNTS.courses());
    assertEquals(7, COUNTS.total("20261128"));
    assertEquals(0, COUNTS.count("20261127", "112"));
  }

  @Test
  void theJsonHoldsWhatThePageDraws() {
    assertEquals(
        "{\"today\":\"20261128\",\"generatedMillis\":42,\"refreshSeconds\":5,"
            + "\"days\":[\"20261128\",\"20261127\"],\"courses\":[\"9\",\"112\",\"130\"],"
            + "\"counts\":{\"20261128\":{\"9\":2,\"112\":5},\"20261127\":{\"130\":7}},"
            + "\"totals\":{\"20261128\":7,\"20261127\":7}}",
        COUNTS.json(5, 42));
  }

  @Test
  void aCourseNameIsDataNotMarkup() {
    ClickCounts hostile =
        new ClickCounts("20261128", List.of("20261128"), Map.of("20261128", Map.of("<b>\"x", 1L)));
    String json = hostile.json(5, 0);
    assertTrue(json.contains("\"\\u003cb\\u003e\\\"x\""), json);
  }

  @Test
  void theCommandLineIsCheckedWhole() {
    DashboardConfig c =
        DashboardConfig.fromArguments(List.of("--zookeeper", "zk:2181", "--days", "3"));
    assertEquals("zk:2181", c.get(DashboardConfig.ZOOKEEPER));
    assertEquals(3, c.get(DashboardConfig.DAYS));
    assertEquals("access_logs", c.get(DashboardConfig.TABLE));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> DashboardConfig.fromArguments(List.of("--days", "0", "--colour", "red")));
    assertTrue(e.getMessage().contains("zookeeper"), e.getMessage());
    assertTrue(e.getMessage().contains("days"), e.getMessage());
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }
}
