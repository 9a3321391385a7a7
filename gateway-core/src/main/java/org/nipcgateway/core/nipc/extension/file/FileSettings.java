package org.nipcgateway.core.nipc.extension.file;

import java.nio.file.Path;
import java.util.Optional;
import org.nipcgateway.core.config.Settings;

/**
 * How the File extension fetches files, from the {@code nipc.file} config section: {@code maxBytes}
 * (largest file, default 16 MiB), {@code fetchTimeoutMs} (longest a download may take, default
 * 60000), {@code trustedCertificates} (a PEM file of the CAs a file server's certificate must chain
 * to; without it the JVM's default CAs) and {@code allowHttp} (plain-HTTP file URLs, for test
 * benches only; default false).
 */
public record FileSettings(
    long maxBytes, long fetchTimeoutMs, Optional<Path> trustedCertificates, boolean allowHttp) {

  public static FileSettings read(Settings section) {
    return new FileSettings(
        section.longValue("maxBytes", 16L * 1024 * 1024, 1, Integer.MAX_VALUE),
        section.longValue("fetchTimeoutMs", 60_000, 1, Long.MAX_VALUE),
        section.filePath("trustedCertificates"),
        section.flag("allowHttp", false));
  }
}
