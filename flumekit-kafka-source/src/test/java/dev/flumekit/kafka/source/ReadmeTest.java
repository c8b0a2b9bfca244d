package dev.flumekit.kafka.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.config.ReadmeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's configuration table and metrics list are what the code declares. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void configurationTableMatchesTheDeclaredKeys() throws Exception {
    String readme = Files.readString(README);
    String expected = ReadmeTable.withTable(readme, "kafka-source", KafkaSourceConfig.DEFINITION);
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, expected);
      return;
    }
    assertEquals(
        expected,
        readme,
        "README's table; regenerate it with: mvn -pl flumekit-kafka-source test -Dtest=ReadmeTest"
            + " -Dreadme.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    assertEquals(
        List.of(),
        ReadmeTable.undocumentedAttributes(
            Files.readString(README), KafkaSourceCounterMBean.class));
  }
}
