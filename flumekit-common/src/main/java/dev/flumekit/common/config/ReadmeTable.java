package dev.flumekit.common.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps README's configuration tables and metric lists what the code declares: a component's table
 * sits between {@code <!-- config:NAME -->} and {@code <!-- /config:NAME -->}.
 */
public final class ReadmeTable {
  private ReadmeTable() {}

  /**
   * {@code readme} with the table of {@code name} regenerated from {@code definition}.
   *
   * @throws IllegalArgumentException if the README lacks the markers
   */
  public static String withTable(String readme, String name, ConfigDef definition) {
    String start = "<!-- config:" + name + " -->\n";
    String end = "<!-- /config:" + name + " -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("README has no " + start.trim() + " ... " + end);
    }
    return readme.substring(0, from + start.length())
        + definition.markdownTable()
        + readme.substring(to);
  }

  /** The attributes of an MBean interface ({@code getX} → {@code X}) that README never names. */
  public static List<String> undocumentedAttributes(String readme, Class<?> mbean) {
    List<String> missing = new ArrayList<>();
    for (Method m : mbean.getDeclaredMethods()) {
      String attribute = m.getName().substring("get".length());
      if (!readme.contains("`" + attribute + "`")) {
        missing.add(attribute);
      }
    }
    return missing;
  }
}
