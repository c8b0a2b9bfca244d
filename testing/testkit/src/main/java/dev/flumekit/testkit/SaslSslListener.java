package dev.flumekit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A broker listener for SASL_SSL: SCRAM-SHA-512 over TLS. The certificates are made with the JDK's
 * keytool at start: a CA, and a broker certificate for 127.0.0.1 and localhost signed by it.
 * Clients trust the CA through a PEM trust store, as operators usually hand it out.
 */
public final class SaslSslListener {
  private static final String STORE_PASSWORD = "test-store-password";

  private final Path dir;
  private final int port;

  private SaslSslListener(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static SaslSslListener create(Path dir, int port) throws IOException {
    Files.createDirectories(dir);
    String san = "SAN=ip:127.0.0.1,dns:localhost";
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=flumekit test CA",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-ext",
        "bc:c",
        "-keystore",
        "ca.p12");
    keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "broker",
        "-dname",
        "CN=localhost",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-keystore",
        "broker.p12");
    keytool(dir, "-certreq", "-alias", "broker", "-keystore", "broker.p12", "-file", "broker.csr");
    keytool(
        dir,
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-infile",
        "broker.csr",
        "-outfile",
        "broker.pem",
        "-validity",
        "2",
        "-ext",
        san);
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.pem",
        "-keystore",
        "broker.p12");
    keytool(
        dir, "-importcert", "-alias", "broker", "-file", "broker.pem", "-keystore", "broker.p12");
    return new SaslSslListener(dir, port);
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  int port() {
    return port;
  }

  Map<String, String> serverProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
    p.put("listener.name.sasl_ssl.ssl.keystore.location", dir.resolve("broker.p12").toString());
    p.put("listener.name.sasl_ssl.ssl.keystore.password", STORE_PASSWORD);
    p.put("listener.name.sasl_ssl.ssl.key.password", STORE_PASSWORD);
    return p;
  }

  void addUser(Admin admin, String user, String password) {
    try (admin) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot add SCRAM user " + user, e.getCause());
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The CA certificate (PEM) a client trusts. */
  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  /**
   * What a client sets to reach this listener as {@code user}: security protocol, SASL mechanism,
   * JAAS configuration and the PEM trust store; keys as Kafka names them, without a prefix.
   */
  public Map<String, String> clientProperties(String user, String password) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", caCertificate().toString());
    return p;
  }
}
