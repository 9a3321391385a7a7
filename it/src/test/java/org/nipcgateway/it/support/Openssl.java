package org.nipcgateway.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's openssl for tests: a certificate authority, client certificates, handshakes. */
public final class Openssl {
  private Openssl() {}

  /** What a command printed, and how it ended. */
  public record Result(int exitCode, String output) {}

  public static Result run(Path dir, String input, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl hung: " + command);
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** openssl's arguments for a new EC P-256 key, unencrypted. */
  private static final List<String> NEW_P256_KEY =
      List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes");

  static void ok(Path dir, String... args) {
    Result r = run(dir, "", args);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + r.output());
    }
  }

  /** An openssl command that also makes a new P-256 key. */
  static void newKey(Path dir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, NEW_P256_KEY);
    ok(dir, all.toArray(new String[0]));
  }

  /** A CA in {@code <name>.pem} / {@code <name>.key}. */
  public static Path ca(Path dir, String name) {
    newKey(
        dir,
        "req",
        "-x509",
        "-keyout",
        name + ".key",
        "-out",
        name + ".pem",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign");
    return dir.resolve(name + ".pem");
  }

  /**
   * A client certificate issued by the CA, with subject {@code subject} (openssl's /A=b form) and a
   * DNS name; returned as a PKCS#12 file with password "test".
   */
  public static Path client(Path dir, String ca, String name, String subject, String dnsName) {
    try {
      Files.writeString(
          dir.resolve(name + ".ext"),
          "subjectAltName=DNS:" + dnsName + "\nextendedKeyUsage=clientAuth\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    newKey(dir, "req", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    ok(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca + ".pem",
        "-CAkey",
        ca + ".key",
        "-CAcreateserial",
        "-out",
        name + ".pem",
        "-days",
        "1",
        "-extfile",
        name + ".ext");
    ok(
        dir,
        "pkcs12",
        "-export",
        "-in",
        name + ".pem",
        "-inkey",
        name + ".key",
        "-out",
        name + ".p12",
        "-passout",
        "pass:test");
    return dir.resolve(name + ".p12");
  }

  /** A PEM certificate as SCIM's certificateInfo.rootCA holds it: base64 of the DER. */
  public static String base64Der(Path pem) {
    try {
      String text = Files.readString(pem);
      String body =
          text.substring(
              text.indexOf("-----BEGIN CERTIFICATE-----") + 27, text.indexOf("-----END"));
      return Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
