package dev.flumekit.hbase.dashboard;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/monitoring.md's table of the click dashboard's options is what the code declares. */
class DashboardDocsTest extends DocsContract {
  DashboardDocsTest() {
    super(
        "docs/monitoring.md",
        "click-dashboard",
        Map.of("click-dashboard", DashboardConfig.DEFINITION),
        List.of());
  }
}
