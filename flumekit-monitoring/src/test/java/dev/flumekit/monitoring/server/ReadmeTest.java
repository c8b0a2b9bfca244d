package dev.flumekit.monitoring.server;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's monitoring configuration table is what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super("flumekit-monitoring", Map.of("monitoring", MonitoringConfig.DEFINITION), List.of());
  }
}
