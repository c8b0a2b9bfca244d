package dev.flumekit.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ReadmeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What README promises about one plugin module: each configuration table between its {@code <!--
 * config:NAME -->} markers is what the code declares, and every counter its MBean interfaces expose
 * is named. A module's {@code ReadmeTest} extends this with its tables and MBeans; {@code
 * -Dreadme.update=true} rewrites the tables instead of checking them.
 */
public abstract class ReadmeContract {
  private static final Path README = Path.of("..", "README.md");

  private final String module;
  private final Map<String, ConfigDef> tables;
  private final List<Class<?>> counterMBeans;

  /**
   * @param module the module directory, for the regeneration command in a failure
   * @param tables README marker name to the definition its table shows, in README order
   * @param counterMBeans MBean interfaces whose attributes README must name
   */
  protected ReadmeContract(
      String module, Map<String, ConfigDef> tables, List<Class<?>> counterMBeans) {
    this.module = module;
    this.tables = new LinkedHashMap<>(tables);
    this.counterMBeans = List.copyOf(counterMBeans);
  }

  @Test
  void configurationTablesMatchTheDeclaredKeys() throws Exception {
    String readme = Files.readString(README);
    String expected = readme;
    for (Map.Entry<String, ConfigDef> table : tables.entrySet()) {
      expected = ReadmeTable.withTable(expected, table.getKey(), table.getValue());
    }
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, expected);
      return;
    }
    assertEquals(
        expected,
        readme,
        "README's tables; regenerate them with: mvn -pl "
            + module
            + " test -Dtest=ReadmeTest -Dreadme.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    String readme = Files.readString(README);
    List<String> undocumented = new ArrayList<>();
    for (Class<?> mbean : counterMBeans) {
      undocumented.addAll(ReadmeTable.undocumentedAttributes(readme, mbean));
    }
    assertEquals(List.of(), undocumented);
  }
}
