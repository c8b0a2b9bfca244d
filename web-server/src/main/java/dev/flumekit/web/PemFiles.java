package dev.flumekit.web;

import dev.flumekit.common.config.ConfigProblems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and PKCS#8 private keys, read with the JDK alone. A problem is added to the
 * caller's list naming the key and the file, never the file's contents.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private PemFiles() {}

  /** Every certificate of {@code file}, in order; empty (with a problem) if there is none. */
  static List<X509Certificate> certificates(String key, Path file, ConfigProblems problems) {
    String text = read(key, file, problems);
    if (text == null) {
      return List.of();
    }
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(text)) {
        if (block.type().equals("CERTIFICATE")) {
          for (Certificate c :
              factory.generateCertificates(new ByteArrayInputStream(block.der()))) {
            certificates.add((X509Certificate) c);
          }
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      problems.add(
          key + " = " + file + ": not a readable PEM certificate (" + e.getMessage() + ")");
      return List.of();
    }
    if (certificates.isEmpty()) {
      problems.add(
          key
              + " = "
              + file
              + ": no '-----BEGIN CERTIFICATE-----' block; expected PEM certificates");
    }
    return certificates;
  }

  /** The PKCS#8 private key of {@code file}, or null with a problem that says how to convert it. */
  static PrivateKey privateKey(String key, Path file, ConfigProblems problems) {
    String text = read(key, file, problems);
    if (text == null) {
      return null;
    }
    for (Block block : blocks(text)) {
      switch (block.type()) {
        case "PRIVATE KEY":
          try {
            return pkcs8(key, file, block.der(), problems);
          } catch (IllegalArgumentException e) {
            problems.add(key + " = " + file + ": the PRIVATE KEY block is not base64");
            return null;
          }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY":
          problems.add(
              key
                  + " = "
                  + file
                  + ": a "
                  + block.type()
                  + " (PKCS#1 or SEC1); expected PKCS#8 ('-----BEGIN PRIVATE KEY-----'), convert it"
                  + " with: openssl pkcs8 -topk8 -nocrypt -in "
                  + file
                  + " -out "
                  + file
                  + ".pkcs8");
          return null;
        case "ENCRYPTED PRIVATE KEY":
          problems.add(
              key
                  + " = "
                  + file
                  + ": an encrypted key; expected an unencrypted PKCS#8 key, write one with: openssl"
                  + " pkey -in "
                  + file
                  + " -out "
                  + file
                  + ".pkcs8 (keep it readable only by the agent's user)");
          return null;
        default:
          // a certificate in the same file, as some tools write them: look further
      }
    }
    problems.add(
        key
            + " = "
            + file
            + ": no '-----BEGIN PRIVATE KEY-----' block; expected a PEM PKCS#8 private key");
    return null;
  }

  /**
   * Whether {@code key} is the private key of {@code certificate}: a signature it makes verifies.
   */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null) {
      return true; // nothing to sign with here; the TLS handshake will tell
    }
    try {
      byte[] probe = "flumekit".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      PublicKey publicKey = certificate.getPublicKey();
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PrivateKey pkcs8(String key, Path file, byte[] der, ConfigProblems problems) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next
      }
    }
    problems.add(
        key
            + " = "
            + file
            + ": a PKCS#8 key of an algorithm the JDK cannot read; expected an RSA, EC or Ed25519"
            + " key");
    return null;
  }

  private static String read(String key, Path file, ConfigProblems problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(key + " = " + file + ": no such file");
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      problems.add(key + " = " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private record Block(String type, String body) {
    /** The block's bytes; an IllegalArgumentException if it is not base64. */
    byte[] der() {
      return Base64.getMimeDecoder().decode(body.strip());
    }
  }

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    return blocks;
  }
}
