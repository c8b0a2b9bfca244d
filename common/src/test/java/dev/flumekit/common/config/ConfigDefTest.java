package dev.flumekit.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {
  private static final ConfigKey<Integer> SIZE =
      ConfigKey.builder("batchSize", ValueType.INT)
          .defaultValue(100)
          .validator(Validator.atLeast(1))
          .deprecatedAlias("size")
          .doc("Events per batch.")
          .build();
  private static final ConfigKey<List<String>> SERVERS =
      ConfigKey.builder("servers", ValueType.LIST).required().doc("Servers.").build();
  private static final ConfigKey<String> MODE =
      ConfigKey.builder("mode", ValueType.oneOf("fast", "safe"))
          .defaultValue("safe")
          .alias("client.mode")
          .doc("Mode | with a pipe.")
          .build();
  private static final ConfigPrefix CLIENT = new ConfigPrefix("client.", "Client settings.");
  private static final ConfigDef DEF =
      ConfigDef.builder().key(SIZE).key(SERVERS).key(MODE).prefix(CLIENT).build();

  private static ParsedConfig parse(Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig parsed = DEF.parse(raw, problems);
    problems.throwIfAny("test component");
    return parsed;
  }

  @Test
  void appliesDefaultsAndParsesTypes() {
    ParsedConfig c = parse(Map.of("servers", " a:1 , b:2 ", "type", "x", "channel", "c1"));
    assertEquals(100, c.get(SIZE));
    assertEquals(List.of("a:1", "b:2"), c.get(SERVERS));
    assertEquals("safe", c.get(MODE));
  }

  @Test
  void leavesASourcesInterceptorsAndSelectorToFlume() {
    ParsedConfig c =
        parse(
            Map.of(
                "servers", "a:1",
                "channels", "c1 c2",
                "interceptors", "i1",
                "interceptors.i1.type", "timestamp",
                "selector.type", "multiplexing",
                "selector.mapping.x", "c1"));
    assertEquals(List.of("a:1"), c.get(SERVERS));
  }

  @Test
  void reportsEveryProblemAtOnceVerbatim() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> parse(Map.of("batchSize", "0", "mode", "turbo", "batchsise", "3")));
    assertEquals(
        "Invalid configuration for test component (4 problems):\n"
            + "  - batchSize = '0': expected an integer >= 1\n"
            + "  - servers: required, expected a comma-separated list\n"
            + "  - mode = 'turbo': expected one of fast, safe\n"
            + "  - batchsise: unknown key (did you mean batchSize?)",
        e.getMessage());
    assertEquals(4, e.problems().size());
  }

  @Test
  void acceptsAliasesWarnsOnDeprecatedOnesAndRefusesConflicts() {
    ParsedConfig c = parse(Map.of("servers", "a:1", "size", "7", "client.mode", "FAST"));
    assertEquals(7, c.get(SIZE));
    assertEquals("fast", c.get(MODE));
    assertEquals(List.of("Configuration key 'size' is deprecated; use 'batchSize'"), c.warnings());
    assertEquals(Map.of(), c.prefixed(CLIENT), "a key's alias is not also a free-form entry");

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> parse(Map.of("servers", "a:1", "batchSize", "5", "size", "6")));
    assertEquals(
        "Invalid configuration for test component (1 problem):\n"
            + "  - batchSize = '5' and size = '6' conflict: set only batchSize",
        e.getMessage());
  }

  @Test
  void collectsPrefixedEntries() {
    ParsedConfig c = parse(Map.of("servers", "a:1", "client.retries", " 3 ", "client.x.y", "z"));
    assertEquals(Map.of("retries", "3", "x.y", "z"), c.prefixed(CLIENT));
  }

  @Test
  void rendersTheDocumentationTable() {
    String table = DEF.markdownTable();
    assertTrue(table.startsWith("| Key | Default | Expected | Description |\n|---|---|---|---|\n"));
    assertTrue(
        table.contains(
            "| `batchSize` | 100 | an integer >= 1 | Events per batch. Legacy `size` works with a"
                + " deprecation warning. |\n"),
        table);
    assertTrue(table.contains("| `servers` | (required) | a comma-separated list | Servers. |\n"));
    assertTrue(
        table.contains(
            "| `mode` | safe | one of fast, safe | Mode \\| with a pipe. Also accepted as"
                + " `client.mode`. |\n"),
        table);
    assertTrue(table.endsWith("| `client.*` |  |  | Client settings. |\n"));
  }
}
