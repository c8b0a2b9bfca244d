package dev.flumekit.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** An agent configuration file read as Flume reads it: properties, values trimmed. */
final class AgentProperties {
  private AgentProperties() {}

  static Map<String, String> read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> map = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      map.put(key, p.getProperty(key).trim());
    }
    return map;
  }

  /** The keys under {@code prefix}, without it: a component's context. */
  static Map<String, String> under(Map<String, String> properties, String prefix) {
    Map<String, String> sub = new HashMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            sub.put(k.substring(prefix.length()), v);
          }
        });
    return sub;
  }
}
