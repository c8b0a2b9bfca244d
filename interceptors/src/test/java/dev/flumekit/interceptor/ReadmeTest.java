package dev.flumekit.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigDef;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's configuration tables and counter list are what the code declares. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");

  static Map<String, ConfigDef> definitions() {
    Map<String, ConfigDef> all = new LinkedHashMap<>();
    all.put("access-log", AccessLogConfig.DEFINITION);
    all.put("json", JsonConfig.DEFINITION);
    all.put("timestamp", TimestampConfig.DEFINITION);
    all.put("header", HeaderConfig.DEFINITION);
    all.put("key", KeyConfig.DEFINITION);
    all.put("routing", RoutingConfig.DEFINITION);
    all.put("filter", FilterConfig.DEFINITION);
    return all;
  }

  @Test
  void configurationTablesMatchTheDeclaredKeys() throws Exception {
    String readme = Files.readString(README);
    for (Map.Entry<String, ConfigDef> e : definitions().entrySet()) {
      String start = "<!-- config:interceptor-" + e.getKey() + " -->\n";
      String end = "<!-- /config:interceptor-" + e.getKey() + " -->";
      int from = readme.indexOf(start);
      int to = readme.indexOf(end);
      assertTrue(from >= 0 && to > from, "README has the markers " + start.trim());
      String table = e.getValue().markdownTable();
      if (Boolean.getBoolean("readme.update")) {
        readme = readme.substring(0, from + start.length()) + table + readme.substring(to);
        continue;
      }
      assertEquals(
          table,
          readme.substring(from + start.length(), to),
          "README's "
              + e.getKey()
              + " table; regenerate with: mvn -pl interceptors test -Dtest=ReadmeTest"
              + " -Dreadme.update=true");
    }
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, readme);
    }
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    String readme = Files.readString(README);
    for (Method m : InterceptorCounterMBean.class.getDeclaredMethods()) {
      String attribute = m.getName().substring("get".length());
      assertTrue(readme.contains("`" + attribute + "`"), attribute + " is in README");
    }
  }
}
