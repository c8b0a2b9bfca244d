package dev.flumekit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.flumekit.common.config.ConfigException;
import dev.flumekit.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigTest {
  @TempDir Path dir;

  private ConfigException refused(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("web.yml"), yaml);
    return assertThrows(ConfigException.class, () -> WebConfig.load("webConfigFile", file));
  }

  @Test
  void everyProblemIsNamedAtOnceAndNoHashIsRepeated() throws Exception {
    String badHash = "$2y$10$tooShortToBeAHash";
    ConfigException e =
        refused(
            String.join(
                "\n",
                "tls_server_config:",
                "  cert_file: missing.crt",
                "  key_file: /nowhere/missing.key",
                "  cipher_suites: [TLS_AES_128_GCM_SHA256]",
                "  min_versoin: TLS12",
                "basic_auth_users:",
                "  alice: " + badHash,
                "  bob: plain-text-password",
                "http_server_config:",
                "  http2: true",
                "basic_auth_user: {}",
                ""));
    String message = e.getMessage();
    assertTrue(message.contains("(8 problems)"), message);
    assertTrue(
        message.contains(
            "tls_server_config.cert_file = " + dir.resolve("missing.crt") + ": no such file"),
        message);
    assertTrue(
        message.contains("tls_server_config.key_file = /nowhere/missing.key: no such file"),
        message);
    assertTrue(message.contains("tls_server_config.cipher_suites: not supported"), message);
    assertTrue(message.contains("tls_server_config.min_versoin: unknown key"), message);
    assertTrue(message.contains("basic_auth_users.alice: not a bcrypt hash"), message);
    assertTrue(message.contains("htpasswd -nBC 10 bob"), message);
    assertTrue(message.contains("http_server_config: not supported"), message);
    assertTrue(message.contains("basic_auth_user: unknown key"), message);
    assertFalse(message.contains(badHash), message);
    assertFalse(message.contains("plain-text-password"), message);
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
    TestCertificate certificate = TestCertificate.create("test");
    certificate.writeCertificate(dir.resolve("server.crt"));
    Path key = certificate.writePkcs1Key(dir.resolve("server.key"));
    ConfigException e =
        refused("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(
        "tls_server_config.key_file = "
            + key
            + ": a RSA PRIVATE KEY (PKCS#1 or SEC1); expected PKCS#8 ('-----BEGIN PRIVATE"
            + " KEY-----'), convert it with: openssl pkcs8 -topk8 -nocrypt -in "
            + key
            + " -out "
            + key
            + ".pkcs8",
        e.problems().get(0));
    assertFalse(e.getMessage().contains(Files.readString(key).substring(40, 80)));
  }

  @Test
  void aKeyOfAnotherCertificateOrAFileWithoutAKeyIsRefused() throws Exception {
    TestCertificate one = TestCertificate.create("one");
    TestCertificate other = TestCertificate.create("other");
    one.writeCertificate(dir.resolve("one.crt"));
    other.writePkcs8Key(dir.resolve("other.key"));
    ConfigException e =
        refused("tls_server_config:\n  cert_file: one.crt\n  key_file: other.key\n");
    assertTrue(
        e.getMessage().contains("not the private key of the first certificate"), e.getMessage());
    e = refused("tls_server_config:\n  cert_file: one.crt\n  key_file: one.crt\n");
    assertTrue(e.getMessage().contains("no '-----BEGIN PRIVATE KEY-----' block"), e.getMessage());
  }

  @Test
  void clientCertificatesNeedACaAndOnlyVerifyingTypesAreAccepted() throws Exception {
    TestCertificate certificate = TestCertificate.create("test");
    certificate.writeCertificate(dir.resolve("server.crt"));
    certificate.writePkcs8Key(dir.resolve("server.key"));
    String tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";
    assertTrue(
        refused(tls + "  client_auth_type: RequireAndVerifyClientCert\n")
            .getMessage()
            .contains("needs client_ca_file"));
    assertTrue(
        refused(tls + "  client_auth_type: RequireAnyClientCert\n")
            .getMessage()
            .contains("accepts a client certificate no CA signed"));
    assertTrue(
        refused(tls + "  client_auth_type: NoClientCert\n  client_ca_file: server.crt\n")
            .getMessage()
            .contains("client_ca_file is set but client_auth_type is NoClientCert"));
    assertTrue(refused(tls + "  min_version: TLS11\n").getMessage().contains("TLS12"));
    Files.writeString(dir.resolve("web.yml"), tls + "  client_ca_file: server.crt\n");
    assertEquals(
        "TLS (RequireAndVerifyClientCert), no authentication",
        WebConfig.load("webConfigFile", dir.resolve("web.yml")).describe());
  }

  @Test
  void hashesOfEveryBcryptVersionAreAcceptedAndAnEmptyFileIsPlainHttp() throws Exception {
    StringBuilder yaml = new StringBuilder("basic_auth_users:\n");
    for (BCrypt.Version v :
        new BCrypt.Version[] {
          BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y
        }) {
      yaml.append("  user")
          .append(new String(v.versionIdentifier))
          .append(": ")
          .append(BCrypt.with(v).hashToString(4, "pw".toCharArray()))
          .append('\n');
    }
    Files.writeString(dir.resolve("web.yml"), yaml);
    WebConfig web = WebConfig.load("webConfigFile", dir.resolve("web.yml"));
    assertEquals("plain HTTP, basic auth (3 users)", web.describe());
    BasicAuth auth = web.basicAuth();
    for (String user : new String[] {"user2a", "user2b", "user2y"}) {
      assertTrue(auth.allows(WebServerTlsTest.basic(user, "pw")), user);
      assertFalse(auth.allows(WebServerTlsTest.basic(user, "pW")), user);
    }
    Files.writeString(dir.resolve("empty.yml"), "");
    assertEquals(
        "plain HTTP, no authentication",
        WebConfig.load("webConfigFile", dir.resolve("empty.yml")).describe());
  }

  @Test
  void aMissingFileOrBrokenYamlIsRefused() throws Exception {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> WebConfig.load("webConfigFile", dir.resolve("absent.yml")));
    assertTrue(
        e.getMessage().contains("webConfigFile = " + dir.resolve("absent.yml") + ": no such file"));
    e = refused("basic_auth_users:\n  alice: \"$2y$10$unterminated\n");
    assertTrue(e.getMessage().contains("not valid YAML at line"), e.getMessage());
    assertFalse(e.getMessage().contains("unterminated"), e.getMessage());
  }
}
