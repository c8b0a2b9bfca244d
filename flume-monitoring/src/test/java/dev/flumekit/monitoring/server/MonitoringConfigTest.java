package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringConfigTest {
  @Test
  void defaultsServeAllInterfacesOnFlumesMonitoringPort() {
    MonitoringConfig c = MonitoringConfig.parse(Map.of());
    assertEquals(41414, c.get(MonitoringConfig.PORT));
    assertEquals("0.0.0.0", c.get(MonitoringConfig.BIND));
    assertEquals(60, c.get(MonitoringConfig.DELIVERY_TIMEOUT_SECONDS));
  }

  @Test
  void everyBadKeyIsNamedAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                MonitoringConfig.parse(
                    Map.of("port", "http", "health.deliveryTimeoutSeconds", "0", "prot", "1")));
    String message = e.getMessage();
    assertTrue(message.contains("port = 'http'"), message);
    assertTrue(message.contains("health.deliveryTimeoutSeconds"), message);
    assertTrue(message.contains("prot"), message);
  }
}
