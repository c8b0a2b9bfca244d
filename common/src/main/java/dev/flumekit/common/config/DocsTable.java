package dev.flumekit.common.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the documentation pages' configuration tables and metric lists what the code declares: a
 * component's table sits between {@code <!-- config:NAME -->} and {@code <!-- /config:NAME -->}.
 */
public final class DocsTable {
  private DocsTable() {}

  /**
   * {@code page} with the table of {@code name} regenerated from {@code definition}.
   *
   * @throws IllegalArgumentException if the page lacks the markers
   */
  public static String withTable(String page, String name, ConfigDef definition) {
    String start = "<!-- config:" + name + " -->\n";
    String end = "<!-- /config:" + name + " -->";
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the page has no " + start.trim() + " ... " + end);
    }
    return page.substring(0, from + start.length())
        + definition.markdownTable()
        + page.substring(to);
  }

  /** The attributes of an MBean interface ({@code getX} → {@code X}) that a page never names. */
  public static List<String> undocumentedAttributes(String page, Class<?> mbean) {
    List<String> missing = new ArrayList<>();
    for (Method m : mbean.getDeclaredMethods()) {
      String attribute = m.getName().substring("get".length());
      if (!page.contains("`" + attribute + "`")) {
        missing.add(attribute);
      }
    }
    return missing;
  }
}
