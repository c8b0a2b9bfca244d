package dev.flumekit.hbase.sink;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's configuration table and counter list are what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super(
        "flumekit-hbase-sink",
        Map.of(
            "hbase-sink",
            HBaseSinkConfig.DEFINITION,
            "click-dashboard",
            dev.flumekit.hbase.dashboard.DashboardConfig.DEFINITION),
        List.of(HBaseSinkCounterMBean.class));
  }
}
