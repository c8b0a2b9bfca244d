package dev.flumekit.common.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * An agent configuration file read as Flume reads it (properties, values trimmed), and the
 * component lists of an agent in it: the one reader that the tools and the monitoring share.
 */
public final class AgentFile {
  private AgentFile() {}

  /** The file's properties, values trimmed, sorted by key. */
  public static Map<String, String> read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return of(p);
  }

  /** Loaded properties as Flume takes them: values trimmed, sorted by key. */
  public static Map<String, String> of(Properties properties) {
    Map<String, String> map = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      map.put(key, properties.getProperty(key).trim());
    }
    return map;
  }

  /** The components of {@code kind} that {@code agent}'s list names, in written order. */
  public static Set<String> components(
      Map<String, String> properties, String agent, ComponentKind kind) {
    return words(properties.get(agent + "." + kind.list()));
  }

  /** The names of a list value ({@code a1.sources = tail http}), each once, in written order. */
  public static Set<String> words(String list) {
    String trimmed = list == null ? "" : list.trim();
    return trimmed.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(trimmed.split("\\s+")));
  }

  /** The prefix of the keys of one component: {@code a1.sources.tail.}. */
  public static String prefix(String agent, ComponentKind kind, String name) {
    return agent + "." + kind.list() + "." + name + ".";
  }

  /** The keys under {@code prefix}, without it: a component's context. */
  public static Map<String, String> under(Map<String, String> properties, String prefix) {
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
