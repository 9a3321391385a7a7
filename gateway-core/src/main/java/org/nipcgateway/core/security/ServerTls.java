package org.nipcgateway.core.security;

import java.nio.file.Path;

/**
 * The certificate and key the gateway serves TLS with (HTTP, and MQTT unless configured apart),
 * from the config or generated in the data dir.
 */
public record ServerTls(Path certFile, Path keyFile, String sha256Fingerprint) {}
