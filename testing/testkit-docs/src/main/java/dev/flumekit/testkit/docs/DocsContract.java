package dev.flumekit.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.DocsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a plugin's documentation page promises about it: each configuration table between its {@code
 * <!-- config:NAME -->} markers is what the code declares, and every counter its MBean interfaces
 * expose is named. A module's {@code DocsTest} extends this with its page, tables and MBeans;
 * {@code -Ddocs.update=true} rewrites the tables instead of checking them.
 */
public abstract class DocsContract {
  private final Path page;
  private final String module;
  private final Map<String, ConfigDef> tables;
  private final List<Class<?>> counterMBeans;

  /**
   * @param page the page, relative to the repository's root ({@code docs/kafka-sink.md})
   * @param module the module directory, for the regeneration command in a failure
   * @param tables marker name to the definition its table shows, in page order
   * @param counterMBeans MBean interfaces whose attributes the page must name
   */
  protected DocsContract(
      String page, String module, Map<String, ConfigDef> tables, List<Class<?>> counterMBeans) {
    this.page = ProjectRoot.find().resolve(page);
    this.module = module;
    this.tables = new LinkedHashMap<>(tables);
    this.counterMBeans = List.copyOf(counterMBeans);
  }

  @Test
  void configurationTablesMatchTheDeclaredKeys() throws Exception {
    String text = Files.readString(page);
    String expected = text;
    for (Map.Entry<String, ConfigDef> table : tables.entrySet()) {
      expected = DocsTable.withTable(expected, table.getKey(), table.getValue());
    }
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(page, expected);
      return;
    }
    assertEquals(
        expected,
        text,
        page
            + "'s tables; regenerate them with: mvn -pl "
            + module
            + " test -Dtest='*DocsTest' -Ddocs.update=true");
  }

  @Test
  void everyCounterIsDocumented() throws Exception {
    String text = Files.readString(page);
    List<String> undocumented = new ArrayList<>();
    for (Class<?> mbean : counterMBeans) {
      undocumented.addAll(DocsTable.undocumentedAttributes(text, mbean));
    }
    assertEquals(List.of(), undocumented, "counters " + page + " does not name");
  }
}
