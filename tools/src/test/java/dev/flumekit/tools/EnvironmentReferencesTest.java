package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentReferencesTest {
  private static final Map<String, String> CONF =
      Map.of(
          "a1.configfilters.f1.type", "env",
          "a1.configfilters.h.type", "hadoop",
          "a1.sinks.k1.kafka.producer.sasl.jaas.config", "x password=\"${f1['KAFKA_PASSWORD']}\";",
          "a1.sinks.k1.kafka.topic", "${f1[TOPIC]}",
          "a1.sinks.k1.kafka.bootstrap.servers", "${h['BROKERS']}",
          "a2.sinks.k1.kafka.topic", "${f1['OTHER_AGENT']}");

  @Test
  void anUnsetVariableIsNamedWithItsKeyAndFilter() {
    assertEquals(
        List.of(
            "a1.sinks.k1.kafka.producer.sasl.jaas.config: ${f1['KAFKA_PASSWORD']} names environment"
                + " variable KAFKA_PASSWORD, which is not set (configuration filter f1, type env),"
                + " so the value stays as written: set KAFKA_PASSWORD where the agent starts"
                + " (conf/flumekit/flume-env.sh, or the systemd unit's Environment=)"),
        EnvironmentReferences.unset("a1", CONF, Set.of("f1", "h"), Map.of("TOPIC", "clicks")));
  }

  @Test
  void setVariablesAndOtherFiltersAreNotProblems() {
    assertEquals(
        List.of(),
        EnvironmentReferences.unset(
            "a1", CONF, Set.of("f1", "h"), Map.of("TOPIC", "t", "KAFKA_PASSWORD", "secret")));
  }
}
