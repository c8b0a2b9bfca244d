package dev.flumekit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh RSA key and a self-signed certificate for 127.0.0.1 and localhost, written as PEM the way
 * operators get them from openssl: the certificate, the key as PKCS#8 and, to test refusals, as
 * PKCS#1.
 */
public final class TestCertificate {
  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  public static TestCertificate create(String commonName) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(2))),
              name,
              keys.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      return new TestCertificate(keys, certificate);
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  public Path writeCertificate(Path file) throws IOException, GeneralSecurityException {
    return write(file, "CERTIFICATE", certificate.getEncoded());
  }

  public Path writePkcs8Key(Path file) throws IOException {
    return write(file, "PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  public Path writePkcs1Key(Path file) throws IOException {
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    return write(file, "RSA PRIVATE KEY", pkcs1);
  }

  /** A client's TLS context that trusts this certificate only. */
  public SSLContext trustingClient() throws GeneralSecurityException, IOException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trusting().getTrustManagers(), null);
    return context;
  }

  private TrustManagerFactory trusting() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load((InputStream) null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  /**
   * A client's TLS context that trusts {@code server}'s certificate and presents this one (with its
   * key), as a client with a certificate for mutual TLS.
   */
  public SSLContext presentedTo(TestCertificate server)
      throws GeneralSecurityException, IOException {
    KeyStore own = KeyStore.getInstance("PKCS12");
    own.load((InputStream) null, null);
    char[] password = "client".toCharArray();
    own.setKeyEntry("client", keys.getPrivate(), password, new X509Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(own, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), server.trusting().getTrustManagers(), null);
    return context;
  }

  private static Path write(Path file, String type, byte[] der) throws IOException {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    return Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
