package org.nipcgateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.Locale;

/** What webhook and websocket destinations share: TLS from the URI scheme and the CA, headers. */
final class HttpDestinations {
  static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int CLOSING_TIMEOUT_S = 2;
  private static final int IDLE_TIMEOUT_S = 30;

  private HttpDestinations() {}

  /**
   * TLS when the scheme says so, trusting the registered CA certificate (PEM) when there is one.
   */
  static <T extends ClientOptionsBase> T secure(T options, URI uri, JsonNode settings) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || scheme.equals("wss")) {
      options.setSsl(true);
      String ca = settings.path("serverCACert").asText("");
      if (!ca.isBlank()) {
        options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca)));
      }
    }
    options.setConnectTimeout(CONNECT_TIMEOUT_MS);
    return options;
  }

  /** A webhook that stops answering has its connection closed after a while of silence. */
  static HttpClientOptions http(URI uri, JsonNode settings) {
    return secure(new HttpClientOptions(), uri, settings).setIdleTimeout(IDLE_TIMEOUT_S);
  }

  /**
   * A closing handshake with an app that went away must not hold the gateway's shutdown for
   * Vert.x's default ten seconds.
   */
  static WebSocketClientOptions webSocket(URI uri, JsonNode settings) {
    return secure(new WebSocketClientOptions(), uri, settings).setClosingTimeout(CLOSING_TIMEOUT_S);
  }

  /** The registered headers, with their real values (kept apart from what responses show). */
  static MultiMap headers(JsonNode secrets) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    secrets
        .path("headers")
        .fields()
        .forEachRemaining(h -> headers.add(h.getKey(), h.getValue().asText()));
    return headers;
  }
}
