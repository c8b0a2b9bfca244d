package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.conf.FlumeConfigurationError;
import org.apache.flume.conf.FlumeConfigurationErrorType;
import org.junit.jupiter.api.Test;

/** Flume's own validation of an agent, as the check words it. */
class FlumeValidationTest {
  private static FlumeValidation validate(String... keyValues) {
    Map<String, String> properties = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    Map<ComponentKind, Set<String>> declared = new EnumMap<>(ComponentKind.class);
    for (ComponentKind kind : ComponentKind.values()) {
      declared.put(kind, AgentFile.components(properties, "a1", kind));
    }
    return FlumeValidation.of(
        "a1", declared, new FlumeConfiguration(properties).getConfigurationErrors());
  }

  private static final String[] MEMORY_AGENT = {
    "a1.sources", "src",
    "a1.channels", "ch",
    "a1.sinks", "k1",
    "a1.sources.src.type", "seq",
    "a1.sources.src.channels", "ch",
    "a1.channels.ch.type", "memory",
    "a1.sinks.k1.type", "null",
    "a1.sinks.k1.channel", "ch"
  };

  private static String[] memoryAgent(String... extra) {
    String[] all = new String[MEMORY_AGENT.length + extra.length];
    System.arraycopy(MEMORY_AGENT, 0, all, 0, MEMORY_AGENT.length);
    System.arraycopy(extra, 0, all, MEMORY_AGENT.length, extra.length);
    return all;
  }

  @Test
  void aWholeAgentHasNothingToSay() {
    assertEquals(new FlumeValidation(List.of(), List.of()), validate(MEMORY_AGENT));
  }

  @Test
  void anEmptyValueIsAProblemSinceTheDefaultAppliesSilently() {
    assertEquals(
        List.of(
            "a1.sinks.k1.maxBytesToLog: empty, and Flume drops a key with an empty value, so the"
                + " component's default applies: give it a value, or remove the line to mean the"
                + " default"),
        validate(memoryAgent("a1.sinks.k1.maxBytesToLog", "")).problems());
  }

  @Test
  void anAgentWithoutASourceNeedsNone() {
    // the shipped loader: a Kafka channel taken from by a sink
    assertEquals(
        new FlumeValidation(List.of(), List.of()),
        validate(
            "a1.channels", "kafka",
            "a1.sinks", "hbase",
            "a1.channels.kafka.type", "memory",
            "a1.sinks.hbase.type", "null",
            "a1.sinks.hbase.channel", "kafka"));
  }

  @Test
  void anAgentWithNothingToRunIsAProblem() {
    assertEquals(
        new FlumeValidation(List.of("a1: Agent configuration is invalid."), List.of()),
        validate("a1.channels", "ch", "a1.channels.ch.type", "memory"));
  }

  @Test
  void aComponentsErrorNamesTheComponentAndTheKey() {
    assertEquals(
        new FlumeValidation(List.of("k1: key 'channel': Property value missing."), List.of()),
        validate(
            "a1.sources", "src",
            "a1.channels", "ch",
            "a1.sinks", "k1 k2",
            "a1.sources.src.type", "seq",
            "a1.sources.src.channels", "ch",
            "a1.channels.ch.type", "memory",
            "a1.sinks.k1.type", "null",
            "a1.sinks.k2.type", "null",
            "a1.sinks.k2.channel", "ch"));
  }

  @Test
  void flumesWarningsAreWarnings() {
    assertEquals(
        new FlumeValidation(
            List.of(), List.of("ch: key 'capacity': Configuration of component failed.")),
        FlumeValidation.of(
            "a1",
            Map.of(ComponentKind.CHANNEL, Set.of("ch")),
            List.of(
                new FlumeConfigurationError(
                    "ch",
                    "capacity",
                    FlumeConfigurationErrorType.CONFIG_ERROR,
                    FlumeConfigurationError.ErrorOrWarning.WARNING))));
  }

  @Test
  void otherAgentsAndAnUnknownAgentKeyAreNotSaidHere() {
    // a1.source is KeyTypos's, with a suggestion; a2's errors are a2's
    FlumeValidation validation =
        validate(
            memoryAgent(
                "a1.source", "x",
                "a2.sources", "s",
                "a2.channels", "c",
                "a2.sources.s.type", "seq",
                "a2.sources.s.channels", "c"));
    assertEquals(new FlumeValidation(List.of(), List.of()), validation);
  }
}
