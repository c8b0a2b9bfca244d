package dev.flumekit.hbase.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {
  @Test
  void theCommandLineIsCheckedWhole() {
    DashboardConfig c =
        DashboardConfig.fromArguments(List.of("--zookeeper", "zk:2181", "--days", "3"));
    assertEquals("zk:2181", c.get(DashboardConfig.ZOOKEEPER));
    assertEquals(3, c.get(DashboardConfig.DAYS));
    assertEquals("access_logs", c.get(DashboardConfig.TABLE));
    assertEquals("%{time:yyyyMMdd}_%{course}", c.get(DashboardConfig.COUNTER_ROW).toString());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> DashboardConfig.fromArguments(List.of("--days", "0", "--colour", "red")));
    assertTrue(e.getMessage().contains("zookeeper"), e.getMessage());
    assertTrue(e.getMessage().contains("days"), e.getMessage());
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void aCounterRowTheDashboardCannotReadByDayIsRefusedWithTheFix() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                DashboardConfig.fromArguments(
                    List.of(
                        "--zookeeper", "zk:2181", "--counterRow", "%{course}_%{time:yyyyMMdd}")));
    System.out.println(e.getMessage());
    assertTrue(e.getMessage().contains("counterRow"), e.getMessage());
    assertTrue(e.getMessage().contains("%{course}_%{time:yyyyMMdd}"), e.getMessage());
    assertTrue(e.getMessage().contains("e.g. `%{time:yyyyMMdd}_%{course}`"), e.getMessage());
  }
}
