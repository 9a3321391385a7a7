package org.nipcgateway.core.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate a gateway serves TLS with when the operator gave none: an EC P-256 key and a
 * self-signed certificate for {@code localhost}, the loopback addresses and this host's name,
 * created once in {@code <data dir>/tls/} and reused after. Clients trust it with {@code curl
 * --cacert <data dir>/tls/gateway-cert.pem} or by its SHA-256 fingerprint, which the gateway logs.
 * Blocking file I/O: call on a worker.
 */
public final class SelfSignedCertificate {
  public static final String CERT_FILE = "gateway-cert.pem";
  public static final String KEY_FILE = "gateway-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(825);

  /** Where the files are, and the certificate's fingerprint. */
  public record Files(Path certFile, Path keyFile, String sha256Fingerprint, boolean created) {}

  private SelfSignedCertificate() {}

  /** The data dir's certificate, created on the first call. */
  public static Files ensure(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    boolean created = false;
    if (!java.nio.file.Files.exists(cert) || !java.nio.file.Files.exists(key)) {
      org.nipcgateway.core.storage.OwnerOnly.createDirectories(dir);
      create(cert, key);
      created = true;
    }
    return new Files(cert, key, fingerprint(cert), created);
  }

  /** The SHA-256 fingerprint of a PEM certificate, as {@code AA:BB:…}. */
  public static String fingerprint(Path certFile) throws IOException {
    try (var in = java.nio.file.Files.newInputStream(certFile)) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read certificate " + certFile + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path certFile, Path keyFile) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Principal subject = new X500Principal("CN=NIPC gateway (self-signed)");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              subject,
              keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      writePem(keyFile, keys.getPrivate(), true);
      writePem(certFile, holder, false);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create a TLS certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralName[] names() {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.iPAddress, "::1"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!host.isBlank() && !host.equals("localhost") && host.matches("[A-Za-z0-9.-]+")) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      }
    } catch (IOException e) {
      // no resolvable host name: localhost and the loopback addresses still work
    }
    return names.toArray(new GeneralName[0]);
  }

  private static void writePem(Path file, Object value, boolean secret) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(
          value instanceof java.security.PrivateKey key
              ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
              : value);
    }
    if (secret) {
      // Created private before the key is written, so it is never readable by others.
      java.nio.file.Files.deleteIfExists(file);
      try {
        java.nio.file.Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        java.nio.file.Files.createFile(file);
      }
    }
    java.nio.file.Files.writeString(file, text.toString());
    // Everything in the data dir is the owner's only, the certificate too.
    org.nipcgateway.core.storage.OwnerOnly.restrict(file);
  }
}
