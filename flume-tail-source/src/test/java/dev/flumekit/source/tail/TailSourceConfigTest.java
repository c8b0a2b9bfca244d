package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flumekit.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TailSourceConfigTest {
  @Test
  void groupsGlobsAndHeadersAreParsed() {
    TailSourceConfig c =
        TailSourceConfig.parse(
            "r1",
            Map.of(
                "filegroups", "web app",
                "filegroups.web", "/var/log/nginx/*.log",
                "filegroups.app", "/srv/app/logs/**.log",
                "headers.web.log", "access",
                "positionFile", "/var/lib/flume/r1.positions",
                "charset", "GB18030"));
    assertEquals(2, c.groups().size());
    assertEquals(Map.of("log", "access"), c.groups().get(0).headers());
    assertEquals(true, c.groups().get(0).matches(Paths.get("/var/log/nginx/access.log")));
    assertEquals(false, c.groups().get(0).matches(Paths.get("/var/log/nginx/old/access.log")));
    assertEquals(true, c.groups().get(1).matches(Paths.get("/srv/app/logs/a/b/c.log")));
    assertEquals(Paths.get("/var/lib/flume/r1.positions"), c.positionFile());
    assertEquals("GB18030", c.get(TailSourceConfig.CHARSET).name());
    assertEquals(
        StandardCharsets.UTF_8,
        TailSourceConfig.parse("r", Map.of("filegroups", "a", "filegroups.a", "/a"))
            .get(TailSourceConfig.CHARSET));
  }

  @Test
  void everyProblemIsReportedAtOnceWithKeyValueAndExpectation() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                TailSourceConfig.parse(
                    "r1",
                    Map.of(
                        "filegroups", "web app",
                        "filegroups.web", "relative/*.log",
                        "filegroups.db", "/var/log/db.log",
                        "headers.api.x", "1",
                        "charset", "UTF-16",
                        "batchSize", "0",
                        "multiline.start", "^(",
                        "maxLineByte", "10")));
    assertEquals(
        "Invalid configuration for Tail source r1 (8 problems):\n"
            + "  - batchSize = '0': expected an integer >= 1\n"
            + "  - charset = 'UTF-16': expected a charset that encodes ASCII as itself (UTF-8,"
            + " ISO-8859-1, windows-1252, GB18030, ...)\n"
            + "  - multiline.start = '^(': expected a Java regular expression\n"
            + "  - maxLineByte: unknown key (did you mean maxLineBytes?)\n"
            + "  - filegroups.web = 'relative/*.log': expected an absolute glob such as"
            + " /var/log/app/*.log\n"
            + "  - filegroups.app: required for group app, expected an absolute glob\n"
            + "  - filegroups.db: group db is not listed in filegroups [web, app]\n"
            + "  - headers.api.x: expected headers.<group>.<header> with a group listed in"
            + " filegroups [web, app]",
        e.getMessage());
  }
}
