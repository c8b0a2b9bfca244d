package dev.flumekit.monitoring.server;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/monitoring.md's monitoring configuration table is what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/monitoring.md",
        "flume-monitoring",
        Map.of("monitoring", MonitoringConfig.DEFINITION),
        List.of());
  }
}
