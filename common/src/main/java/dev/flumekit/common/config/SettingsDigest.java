package dev.flumekit.common.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short fingerprint of a component's settings, so that two parts of an agent that both see its
 * configuration (a component built by Flume, and the monitoring service reading the file) can tell
 * which configured component is which without the component knowing its own name: Flume gives an
 * interceptor's builder its settings, not its name. Keys and values are trimmed as Flume trims
 * them; {@code type} is left out (the builder knows its class, not how the file spelled it); the
 * value of a key whose name marks a secret is left out too, so the fingerprint reveals nothing.
 */
public final class SettingsDigest {
  private SettingsDigest() {}

  public static String of(Map<String, String> settings) {
    Map<String, String> sorted = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          String key = k.trim();
          if (!key.equals("type")) {
            sorted.put(key, ConfigDef.namesSecret(key) || v == null ? "" : v.trim());
          }
        });
    StringBuilder text = new StringBuilder();
    sorted.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
