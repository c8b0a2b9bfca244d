package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** What is logged while Flume builds an agent, sorted into warnings and problems. */
class BuildWarningsTest {
  @Test
  void flumekitsWarningsAreWarningsAndFlumesOwnComponentsReplacingAValueAreProblems() {
    BuildWarnings found =
        BuildWarnings.of(
            List.of(
                new CapturedLog.Entry(
                    Level.WARN,
                    "dev.flumekit.source.TailSource",
                    "Source tail: file group g (/logs/*.log) matches no file now",
                    null),
                new CapturedLog.Entry(
                    Level.WARN,
                    "org.apache.flume.channel.MemoryChannel",
                    "Invalid capacity specified, initializing channel to default capacity of"
                        + " 100",
                    null),
                // Flume's builder, not a component: what it drops is DroppedComponents'
                new CapturedLog.Entry(
                    Level.WARN,
                    "org.apache.flume.node.AbstractConfigurationProvider",
                    "Channel orphan has no components connected and has been removed.",
                    null),
                // errors are the dropped components' reasons, not warnings
                new CapturedLog.Entry(
                    Level.ERROR, "dev.flumekit.kafka.KafkaChannel", "refused", null)));
    assertEquals(
        List.of("Source tail: file group g (/logs/*.log) matches no file now"), found.warnings());
    assertEquals(
        List.of(
            "Flume's MemoryChannel: Invalid capacity specified, initializing channel to default"
                + " capacity of 100: it goes on with a value of its own instead of the one"
                + " written; give the key a value it takes"),
        found.problems());
  }
}
