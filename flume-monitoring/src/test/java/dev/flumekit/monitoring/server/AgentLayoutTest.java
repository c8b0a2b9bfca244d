package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.AgentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLayoutTest {
  @TempDir Path dir;

  private static final String CONF =
      String.join(
          "\n",
          "loader.sources = kafka",
          "loader.channels = clicks  spare",
          "loader.sinks = hbase",
          "loader.sources.kafka.type = dev.flumekit.kafka.KafkaSource",
          "loader.channels.clicks.type = dev.flumekit.kafka.KafkaChannel",
          "loader.channels.spare.type = memory",
          "loader.sinks.hbase.type = dev.flumekit.hbase.HBaseSink",
          "loader.sinks.hbase.channel = clicks",
          "other.sinks = k9",
          "");

  @Test
  void readsTheNamedAgentsComponentsTypesAndChannels() throws IOException {
    Properties p = new Properties();
    p.load(new java.io.StringReader(CONF));
    AgentLayout layout = AgentLayout.of("loader", AgentFile.of(p));
    assertEquals("loader", layout.agent());
    assertEquals(
        List.of("CHANNEL.clicks", "CHANNEL.spare", "SINK.hbase", "SOURCE.kafka"),
        layout.components().keySet().stream().sorted().toList());
    assertEquals("memory", layout.component("CHANNEL.spare").orElseThrow().type());
    assertEquals("clicks", layout.component("SINK.hbase").orElseThrow().channel());
  }

  @Test
  void findsAgentAndFileOnTheCommandLine() throws IOException {
    Path file = dir.resolve("loader.conf");
    Files.writeString(file, CONF);
    AgentLayout layout =
        AgentLayout.fromCommandLine(
            "org.apache.flume.node.Application --name loader -f " + file, null);
    assertEquals("loader", layout.agent());
    assertEquals(4, layout.components().size());
    assertEquals(
        "renamed",
        AgentLayout.fromCommandLine(
                "org.apache.flume.node.Application -n loader -f " + file, "renamed")
            .agent());
  }

  @Test
  void findsTheFileOfAConfigurationUri() throws IOException {
    Path file = Files.createDirectories(dir.resolve("with space")).resolve("loader.conf");
    Files.writeString(file, CONF);
    String encoded = file.toUri().getRawPath();
    for (String uri : List.of("flumekit-checked:" + encoded, "file://" + encoded)) {
      AgentLayout layout =
          AgentLayout.fromCommandLine(
              "org.apache.flume.node.Application -n loader -u " + uri, null);
      assertEquals(4, layout.components().size(), uri);
    }
    assertEquals(
        0,
        AgentLayout.fromCommandLine(
                "org.apache.flume.node.Application -n loader -u http://config/loader.conf", null)
            .components()
            .size());
  }

  @Test
  void withoutAReadableFileOnlyTheNameIsKnown() {
    AgentLayout layout =
        AgentLayout.fromCommandLine(
            "org.apache.flume.node.Application -n a1 -f /no/such.conf", null);
    assertEquals("a1", layout.agent());
    assertEquals(0, layout.components().size());
    assertEquals("unknown", AgentLayout.fromCommandLine(null, null).agent());
  }
}
