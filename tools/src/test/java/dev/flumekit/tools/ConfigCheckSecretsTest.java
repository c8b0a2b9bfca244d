package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret value of the agent's file never appears in what {@code check} prints. */
class ConfigCheckSecretsTest {
  private static final String PASSWORD = "hunter2-key-password";
  private static final String SECRET = "zk-client-secret-42";

  @Test
  void secretValuesQuotedByAComponentArePrintedHidden(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("agent.conf");
    Files.writeString(
        file,
        String.join(
            "\n",
            "a1.sources = s1",
            "a1.channels = c1",
            "a1.sinks = k1",
            "a1.sources.s1.type = seq",
            "a1.sources.s1.channels = c1",
            "a1.channels.c1.type = memory",
            "a1.sinks.k1.type = " + SecretQuotingSink.class.getName(),
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.kafka.producer.ssl.key.password = " + PASSWORD,
            "a1.sinks.k1.hbase.client.secret = " + SECRET,
            ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        ConfigCheck.run(
            new String[] {"-n", "a1", "-f", file.toString()},
            CapturedLog.install(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(ConfigCheck.PROBLEMS, status, printed);
    assertFalse(printed.contains(PASSWORD), printed);
    assertFalse(printed.contains(SECRET), printed);
    // the lines are still there, the values hidden
    assertTrue(
        printed.contains("kafka.producer.ssl.key.password = '[hidden]' is refused"), printed);
    assertTrue(
        printed.contains("warning: connecting with hbase.client.secret = [hidden]"), printed);
  }

  @Test
  void onlyValuesOfKeysNamedLikeASecretAreHidden() {
    SecretValues secrets =
        SecretValues.of(
            Map.of(
                "a1.sinks.k1.kafka.producer.sasl.jaas.config", "user=\"u\" password=\"p4ss-word\"",
                "a1.sinks.k1.kafka.producer.ssl.truststore.password", "p4ss",
                "a1.sinks.k1.topic", "logs",
                "a1.sinks.k1.kafka.producer.ssl.key.password", " "));

    assertEquals(
        "jaas [hidden], store [hidden]-word?, topic logs",
        secrets.hide("jaas user=\"u\" password=\"p4ss-word\", store p4ss-word?, topic logs"));
  }
}
