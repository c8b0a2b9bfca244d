package dev.flumekit.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaCredentialsTest {
  @Test
  void onlyAClientThatAuthenticatesIsChecked() {
    assertNull(KafkaCredentials.protocol(Map.of()));
    assertNull(KafkaCredentials.protocol(Map.of("security.protocol", " plaintext ")));
    assertEquals("SASL_SSL", KafkaCredentials.protocol(Map.of("security.protocol", "SASL_SSL")));
    assertEquals("SSL", KafkaCredentials.protocol(Map.of("security.protocol", "SSL")));
  }

  @Test
  void aRefusalNamesTheKeysToCheck() {
    assertEquals(
        "Sink k1: the Kafka cluster refused the SASL_SSL credentials of kafka.producer.*"
            + " (invalid credentials); check kafka.producer.sasl.jaas.config,"
            + " kafka.producer.sasl.mechanism and kafka.producer.ssl.*. Not started.",
        KafkaCredentials.refused("Sink k1", "SASL_SSL", "kafka.producer.", "invalid credentials"));
  }
}
