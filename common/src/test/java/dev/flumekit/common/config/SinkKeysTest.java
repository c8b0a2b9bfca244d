package dev.flumekit.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.deadletter.FileLimits;
import dev.flumekit.common.retry.Backoff;
import dev.flumekit.common.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.flume.EventDeliveryException;
import org.junit.jupiter.api.Test;

/** The vocabulary the sinks share: one type and one check per key, wherever it is declared. */
class SinkKeysTest {
  private enum Mode {
    FAST,
    SAFE
  }

  private static final SinkKeys.RetryKeys RETRIES = SinkKeys.retries("Re-sends.", 100L, 1000L);
  private static final ConfigKey<DeadLetterPolicy> DEAD_LETTER =
      SinkKeys.deadLetter(
          EnumSet.of(DeadLetterPolicy.Kind.FILE, DeadLetterPolicy.Kind.FAIL), "Dead letters.");
  private static final ConfigKey<Mode> MODE =
      ConfigKey.builder("mode", ValueType.enumOf(Mode.class))
          .defaultValue(Mode.SAFE)
          .doc("Mode.")
          .build();
  private static final ConfigDef DEF =
      ConfigDef.builder()
          .key(SinkKeys.batchSize("batchSize").doc("Batch.").build())
          .key(DEAD_LETTER)
          .key(MODE)
          .key(RETRIES.maxRetries())
          .key(RETRIES.backoffMs())
          .key(RETRIES.backoffMaxMs())
          .build();

  @Test
  void readsTheRetryPolicyAndChecksItsBounds() {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEF.parse(Map.of("maxRetries", "3", "mode", "Fast"), problems);
    assertEquals(new RetryPolicy(3, new Backoff(100, 1000)), RETRIES.read(c, problems));
    assertEquals(Mode.FAST, c.get(MODE));
    assertTrue(problems.isEmpty());

    ConfigProblems bad = new ConfigProblems();
    ParsedConfig inverted =
        DEF.parse(
            Map.of(
                "retryBackoffMs", "500",
                "retryBackoffMaxMs", "100",
                "mode", "slow",
                "deadLetter", "topic:x"),
            bad);
    RETRIES.read(inverted, bad);
    assertEquals(
        List.of(
            "deadLetter = 'topic:x': expected file:<directory> or fail",
            "mode = 'slow': expected one of fast, safe",
            "retryBackoffMaxMs = '100': expected an integer >= retryBackoffMs (500)"),
        bad.list());
  }

  @Test
  void refusesADefaultItsOwnValidatorRefuses() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ConfigKey.builder("size", ValueType.INT)
                    .defaultValue(0)
                    .validator(Validator.atLeast(1))
                    .doc("Size.")
                    .build());
    assertEquals("size: default 0 is not >= 1", e.getMessage());
  }

  @Test
  void failPolicyRefusesTheBatchItself() {
    List<Long> counted = new ArrayList<>();
    DeadLetters fail =
        DeadLetters.forPolicy(
            DeadLetterPolicy.parse("fail"),
            FileLimits.DEFAULT,
            "Sink",
            "k1",
            DeadLetters.TopicHandlerFactory.NONE,
            counted::add);
    DeadLetter letter = new DeadLetter(new byte[1], Map.of(), "too big", "TooLarge", "t");
    EventDeliveryException e =
        assertThrows(EventDeliveryException.class, () -> fail.handOver(List.of(letter)));
    assertEquals(
        "Sink k1: 1 events cannot be written and deadLetter=fail; first: too big (TooLarge)",
        e.getMessage());
    assertTrue(counted.isEmpty());
  }

  @Test
  void aSecretNeverAppearsInAMessage() {
    ConfigKey<Integer> pin =
        ConfigKey.builder("pin", ValueType.INT).secret().doc("A secret number.").build();
    ConfigKey<String> keytab =
        ConfigKey.builder("keytab", ValueType.NON_EMPTY_STRING)
            .secret()
            .alias("kerberos.keytab")
            .doc("A keytab.")
            .build();
    ConfigDef def =
        ConfigDef.builder()
            .key(pin)
            .key(keytab)
            .prefix(new ConfigPrefix("kafka.producer.", "Producer."))
            .build();
    ConfigProblems problems = new ConfigProblems();
    def.parse(
        Map.of(
            "pin", "s3cret-pin",
            "keytab", "/etc/a.keytab",
            "kerberos.keytab", "/etc/b.keytab"),
        problems);
    String all = String.join("\n", problems.list());
    assertTrue(all.contains("pin = '[hidden]': expected an integer"), all);
    assertTrue(all.contains("'[hidden]' and kerberos.keytab = '[hidden]' conflict"), all);
    for (String secret : List.of("s3cret-pin", "/etc/a.keytab", "/etc/b.keytab")) {
      assertTrue(!all.contains(secret), secret + " in: " + all);
    }
    assertTrue(def.isSecret("kafka.producer.sasl.jaas.config"));
    assertTrue(def.isSecret("kafka.producer.ssl.keystore.password"));
    assertTrue(def.isSecret("pin"));
    assertTrue(!def.isSecret("kafka.producer.linger.ms"));
  }
}
