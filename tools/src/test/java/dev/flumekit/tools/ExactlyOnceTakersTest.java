package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactlyOnceTakersTest {
  private static final Map<String, String> ONE =
      Map.of(
          "loader.sinks.hbase.type", "dev.flumekit.hbase.HBaseSink",
          "loader.sinks.hbase.counterGuarantee", "exactly-once",
          "loader.sinks.hbase.channel", "clicks");

  @Test
  void oneExactlyOnceSinkPerChannelIsFine() {
    assertEquals(List.of(), ExactlyOnceTakers.problems("loader", ONE, Set.of("hbase")));
  }

  @Test
  void aSecondSinkOnTheChannelIsNamed() {
    Map<String, String> two = new java.util.HashMap<>(ONE);
    two.put("loader.sinks.hbase2.type", "dev.flumekit.hbase.HBaseSink");
    two.put("loader.sinks.hbase2.counterGuarantee", "exactly-once");
    two.put("loader.sinks.hbase2.channel", "clicks");
    two.put("loader.sinks.log.type", "logger");
    two.put("loader.sinks.log.channel", "clicks");
    List<String> problems =
        ExactlyOnceTakers.problems(
            "loader", two, new java.util.TreeSet<>(Set.of("hbase", "hbase2", "log")));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "sink hbase: counterGuarantee = exactly-once must be the only sink of channel"
                    + " clicks, but hbase2, log take from it too"),
        problems.get(0));
  }

  @Test
  void atLeastOnceSinksMayShareAChannel() {
    Map<String, String> two =
        Map.of(
            "a.sinks.h1.type", "dev.flumekit.hbase.HBaseSink",
            "a.sinks.h1.channel", "c",
            "a.sinks.h2.type", "dev.flumekit.hbase.HBaseSink",
            "a.sinks.h2.channel", "c");
    assertEquals(List.of(), ExactlyOnceTakers.problems("a", two, Set.of("h1", "h2")));
  }
}
