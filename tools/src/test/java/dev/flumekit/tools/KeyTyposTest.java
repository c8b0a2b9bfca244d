package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyTyposTest {
  private static final Map<ComponentKind, Set<String>> DECLARED =
      Map.of(
          ComponentKind.SOURCE, Set.of("tail"),
          ComponentKind.CHANNEL, Set.of("c1"),
          ComponentKind.SINK, Set.of("k1"),
          ComponentKind.SINK_GROUP, Set.of());

  private static List<String> find(String... keyValues) {
    Map<String, String> properties = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    return KeyTypos.find("a1", properties, DECLARED);
  }

  @Test
  void theKeysEveryComponentHasPassAsDoOtherAgentsKeys() {
    assertEquals(
        List.of(),
        find(
            "a1.sources", "tail",
            "a1.channels", "c1",
            "a1.sinks", "k1",
            "a1.sources.tail.type", "x",
            "a1.sources.tail.channels", "c1",
            "a1.sources.tail.interceptors", "i",
            "a1.sources.tail.interceptors.i.type", "y",
            "a1.sources.tail.selector.type", "replicating",
            "a1.sinks.k1.channel", "c1",
            "a1.sinks.k1.topic", "t",
            "a1.sinks.k1.hostname", "h",
            "a1.channels.c1.capacity", "10",
            "other.sources", "s"));
  }

  @Test
  void nearMissesOfTheCommonKeysAreNamed() {
    assertEquals(
        List.of(
            "a1.sinks.k1.chanel: not a key every sink has; did you mean channel?",
            "a1.sources.tail.channel: not a key every source has; did you mean channels?",
            "a1.sources.tail.intercepters: not a key every source has; did you mean interceptors?",
            "a1.sources.tail.tpye: not a key every source has; did you mean type?"),
        find(
            "a1.sources.tail.tpye", "x",
            "a1.sources.tail.channel", "c1",
            "a1.sources.tail.intercepters", "i",
            "a1.sinks.k1.chanel", "c1"));
  }

  @Test
  void keysFlumeIgnoresAtTheAgentLevel() {
    assertEquals(
        List.of(
            "a1.sink.k1.type: 'sink' is not a kind of component; the key is ignored (did you mean"
                + " sinks?)",
            "a1.sinks.k2.type: k2 is not in a1.sinks (k1), so Flume ignores its configuration",
            "a1.source: not a key Flume knows; it is ignored (did you mean sources?)"),
        find("a1.source", "tail", "a1.sink.k1.type", "x", "a1.sinks.k2.type", "x"));
  }
}
