package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Leaving a component out of what Flume builds, and naming the agents a file configures. */
class LeftOutTest {
  @Test
  void aComponentLeavesItsListAndItsKeysButNotANamesakesWithALongerName() {
    Map<String, String> conf =
        new TreeMap<>(
            Map.of(
                "a1.sinks", " k1  k10 ",
                "a1.sinks.k1.type", "org.example.NoSuchSink",
                "a1.sinks.k1.channel", "ch",
                "a1.sinks.k10.type", "null",
                "a1.sinks.k10.channel", "ch"));
    LeftOut.leaveOut(conf, "a1", "sinks", "k1");
    assertEquals(
        Map.of("a1.sinks", "k10", "a1.sinks.k10.type", "null", "a1.sinks.k10.channel", "ch"), conf);
  }

  @Test
  void theLastOfAListTakesTheListWithIt() {
    Map<String, String> conf =
        new TreeMap<>(
            Map.of(
                "a1.sources.src.type", "seq",
                "a1.sources.src.interceptors", "i1",
                "a1.sources.src.interceptors.i1.type", "timestmp"));
    LeftOut.leaveOut(conf, "a1.sources.src", "interceptors", "i1");
    assertEquals(Map.of("a1.sources.src.type", "seq"), conf);
  }

  @Test
  void theAgentsOfAFileAreThePrefixesOfItsComponentLists() {
    assertEquals(
        Set.of("collector", "loader"),
        ConfiguredAgents.of(
            Map.of(
                "loader.channels", "c",
                "collector.sources", "s",
                "collector.sources.s.channels", "c",
                "other.sources.s.type", "seq")));
    assertEquals(Set.of("no agent"), ConfiguredAgents.of(Map.of("x.y", "z")));
  }
}
