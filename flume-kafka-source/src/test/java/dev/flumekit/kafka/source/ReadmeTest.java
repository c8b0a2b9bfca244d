package dev.flumekit.kafka.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's configuration table and metrics list are what the code declares. */
class ReadmeTest {
  private static final String START = "<!-- config:kafka-source -->\n";
  private static final String END = "<!-- /config:kafka-source -->";
  private static final Path README = Path.of("..", "README.md");

  @Test
  void configurationTableMatchesTheDeclaredKeys() throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, "README has the kafka-source config markers");
    String table = KafkaSourceConfig.DEFINITION.markdownTable();
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(
          README, readme.substring(0, start + START.length()) + table + readme.substring(end));
      return;
    }
    assertEquals(
        table,
        readme.substring(start + START.length(), end),
        "README's table; regenerate it with: mvn -pl flume-kafka-source test -Dtest=ReadmeTest"
            + " -Dreadme.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    String readme = Files.readString(README);
    for (Method m : KafkaSourceCounterMBean.class.getDeclaredMethods()) {
      String attribute = m.getName().substring("get".length());
      assertTrue(readme.contains("`" + attribute + "`"), attribute + " is in README");
    }
  }
}
