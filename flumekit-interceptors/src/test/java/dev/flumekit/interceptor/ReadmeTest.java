package dev.flumekit.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ReadmeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    String expected = readme;
    for (Map.Entry<String, ConfigDef> e : definitions().entrySet()) {
      expected = ReadmeTable.withTable(expected, "interceptor-" + e.getKey(), e.getValue());
    }
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, expected);
      return;
    }
    assertEquals(
        expected,
        readme,
        "README's tables; regenerate them with: mvn -pl flumekit-interceptors test -Dtest=ReadmeTest"
            + " -Dreadme.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    assertEquals(
        List.of(),
        ReadmeTable.undocumentedAttributes(
            Files.readString(README), InterceptorCounterMBean.class));
  }
}
