package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Mutual TLS for endpoint apps: a client certificate names the app whose {@code certificateInfo} it
 * satisfies — its chain leads to the app's {@code rootCA} and its subject is the app's {@code
 * subjectName}, either as a distinguished name or as a dNSName in the subject alternative names.
 * The TLS layer requests but does not judge client certificates; this is where they are judged.
 */
public final class ClientCertificates {
  private static final int DNS_NAME = 2;

  /** The first endpoint app (by id) that the chain authenticates. */
  public Optional<String> appFor(List<Certificate> chain, Collection<StoredResource> apps) {
    if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      return Optional.empty();
    }
    return apps.stream()
        .filter(app -> app.attributes().path("certificateInfo").hasNonNull("rootCA"))
        .filter(app -> matches(leaf, chain, app.attributes().path("certificateInfo")))
        .map(StoredResource::id)
        .sorted()
        .findFirst();
  }

  private static boolean matches(X509Certificate leaf, List<Certificate> chain, JsonNode info) {
    return subjectMatches(leaf, info.path("subjectName").asText(""))
        && chainsTo(chain, info.path("rootCA").asText());
  }

  static boolean subjectMatches(X509Certificate leaf, String subjectName) {
    if (subjectName.isBlank()) {
      return false;
    }
    if (subjectName.contains("=")) {
      try {
        return leaf.getSubjectX500Principal().equals(new X500Principal(subjectName));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    try {
      Collection<List<?>> names = leaf.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      String wanted = subjectName.toLowerCase(Locale.ROOT);
      for (List<?> name : names) {
        if (name.size() == 2
            && Integer.valueOf(DNS_NAME).equals(name.get(0))
            && wanted.equals(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    } catch (GeneralSecurityException e) {
      return false;
    }
    return false;
  }

  private static boolean chainsTo(List<Certificate> chain, String rootCa) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate root = parse(factory, rootCa);
      List<Certificate> path = new ArrayList<>();
      for (Certificate c : chain) {
        if (!c.equals(root)) {
          path.add(c);
        }
      }
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The CA certificate as SCIM holds it: base64 DER, or PEM for the lenient. */
  private static X509Certificate parse(CertificateFactory factory, String text)
      throws GeneralSecurityException {
    byte[] bytes =
        text.contains("-----BEGIN")
            ? text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)
            : Base64.getMimeDecoder().decode(text);
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
  }
}
