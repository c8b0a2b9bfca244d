package dev.flumekit.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An agent's properties file read by a raw contender, which takes its settings from the same file
 * the agent it stands in for runs, so that both do the same work.
 */
final class AgentProperties {
  private final Path file;
  private final Properties properties;

  private AgentProperties(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  static AgentProperties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return new AgentProperties(file, p);
  }

  /**
   * @throws IllegalArgumentException if the file does not set the key
   */
  String get(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(
          file + " does not set " + key + ", which the raw contender reads: set it there");
    }
    return value.trim();
  }

  /** The keys under {@code prefix}, without it, as a Flume component's context has them. */
  Map<String, String> under(String prefix) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        keys.put(name.substring(prefix.length()), properties.getProperty(name).trim());
      }
    }
    return keys;
  }

  /**
   * The header a template of exactly one placeholder names: {@code client} for {@code %{client}}.
   *
   * @throws IllegalArgumentException for any other template
   */
  String placeholderOf(String key) {
    String template = get(key);
    if (!template.matches("%\\{[A-Za-z0-9_.-]+}")) {
      throw new IllegalArgumentException(
          key
              + " = '"
              + template
              + "': the raw contender takes a single header, e.g. %{client}; give it one");
    }
    return template.substring(2, template.length() - 1);
  }
}
