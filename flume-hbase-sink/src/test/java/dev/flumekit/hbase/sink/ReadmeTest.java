package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's configuration table and metrics list are what the code declares. */
class ReadmeTest {
  private static final String START = "<!-- config:hbase-sink -->\n";
  private static final String END = "<!-- /config:hbase-sink -->";
  private static final Path README = Path.of("..", "README.md");

  @Test
  void configurationTableMatchesTheDeclaredKeys() throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, "README has the hbase-sink config markers");
    String table = HBaseSinkConfig.DEFINITION.markdownTable();
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(
          README, readme.substring(0, start + START.length()) + table + readme.substring(end));
      return;
    }
    assertEquals(
        table,
        readme.substring(start + START.length(), end),
        "README's table; regenerate it with: mvn -pl flume-hbase-sink test -Dtest=ReadmeTest"
            + " -Dreadme.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    String readme = Files.readString(README);
    for (Method m : HBaseSinkCounterMBean.class.getDeclaredMethods()) {
      String attribute = m.getName().substring("get".length());
      assertTrue(readme.contains("`" + attribute + "`"), attribute + " is in README");
    }
  }
}
