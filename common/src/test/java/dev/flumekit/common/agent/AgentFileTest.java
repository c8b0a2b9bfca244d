package dev.flumekit.common.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFileTest {
  @Test
  void readsValuesTrimmedAndListsInWrittenOrderEachOnce(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.conf");
    Files.writeString(
        file,
        "a1.sources = tail  http tail \na1.sinks =\na1.sinks.k.type = logger  \n"
            + "a1.sinkgroups = g\na1.sinkgroups.g.sinks = k\n");

    Map<String, String> properties = AgentFile.read(file);

    assertEquals("logger", properties.get("a1.sinks.k.type"));
    assertEquals(
        List.of("tail", "http"),
        List.copyOf(AgentFile.components(properties, "a1", ComponentKind.SOURCE)));
    assertEquals(Set.of(), AgentFile.components(properties, "a1", ComponentKind.SINK));
    assertEquals(Set.of(), AgentFile.components(properties, "a1", ComponentKind.CHANNEL));
    assertEquals(Set.of("g"), AgentFile.components(properties, "a1", ComponentKind.SINK_GROUP));
    assertEquals(
        Map.of("sinks", "k"),
        AgentFile.under(properties, AgentFile.prefix("a1", ComponentKind.SINK_GROUP, "g")));
  }

  @Test
  void eachKindIsNamedAsTheFileMessagesAndMonitoringNameIt() {
    assertEquals("sources", ComponentKind.SOURCE.list());
    assertEquals("channel c1", ComponentKind.CHANNEL.named("c1"));
    assertEquals("SINK", ComponentKind.SINK.monitored());
    assertEquals(Optional.of(ComponentKind.CONFIG_FILTER), ComponentKind.ofList("configfilters"));
    assertEquals(Optional.empty(), ComponentKind.ofList("source"));
    assertEquals(
        List.of(ComponentKind.SOURCE, ComponentKind.CHANNEL, ComponentKind.SINK),
        ComponentKind.RUNNING);
  }
}
