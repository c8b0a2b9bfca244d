package dev.flumekit.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDigestTest {
  @Test
  void trimsAsFlumeDoesAndLeavesTheTypeOut() {
    assertEquals(
        SettingsDigest.of(Map.of("format", "combined")),
        SettingsDigest.of(Map.of(" format", "combined  ", "type", "x.Y$Builder")));
  }

  @Test
  void differsWithAnyValue() {
    assertNotEquals(
        SettingsDigest.of(Map.of("format", "combined")),
        SettingsDigest.of(Map.of("format", "common")));
  }

  @Test
  void theValueOfASecretIsNotPartOfIt() {
    assertEquals(
        SettingsDigest.of(Map.of("salt", "a", "ssl.key.password", "one")),
        SettingsDigest.of(Map.of("salt", "a", "ssl.key.password", "two")));
  }
}
