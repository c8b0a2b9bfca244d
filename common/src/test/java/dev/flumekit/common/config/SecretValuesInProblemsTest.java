package dev.flumekit.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value of a key named like a secret never appears in a configuration error. */
class SecretValuesInProblemsTest {
  private static final String SECRET = "hunter2-do-not-print";

  @Test
  void passthroughSecretIsHiddenInAnInvalidValue() {
    ConfigProblems problems = new ConfigProblems();
    problems.invalid("kafka.producer.ssl.key.password", SECRET, "a key password");
    problems.invalid("hbase.security.credential.file", SECRET, "a file");
    problems.invalid("kafka.producer.linger.ms", "soon", "an integer");

    assertEquals(
        "kafka.producer.ssl.key.password = '[hidden]': expected a key password",
        problems.list().get(0));
    assertEquals(
        "hbase.security.credential.file = '[hidden]': expected a file", problems.list().get(1));
    assertEquals("kafka.producer.linger.ms = 'soon': expected an integer", problems.list().get(2));
  }

  @Test
  void declaredKeyNamedLikeASecretIsHiddenThoughNotDeclaredSecret() {
    ConfigKey<Integer> pinPassword =
        ConfigKey.builder("pinPassword", ValueType.INT).defaultValue(0).doc("A pin.").build();
    ConfigKey<String> token =
        ConfigKey.builder("token", ValueType.STRING)
            .defaultValue("")
            .alias("auth.token")
            .doc("A token.")
            .build();
    ConfigDef def = ConfigDef.builder().key(pinPassword).key(token).build();
    ConfigProblems problems = new ConfigProblems();

    def.parse(
        Map.of("pinPassword", SECRET, "token", SECRET, "auth.token", "second-token-value"),
        problems);

    ConfigException e = assertThrows(ConfigException.class, () -> problems.throwIfAny("test"));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertFalse(e.getMessage().contains("second-token-value"), e.getMessage());
    assertTrue(e.getMessage().contains("pinPassword = '[hidden]'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("= '[hidden]' and ") && e.getMessage().contains("conflict"),
        e.getMessage());
  }
}
