package org.nipcgateway.core.nipc.extension.callback;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * Where an extension sends its final result: the {@code callback} object of the request
 * (draft-ietf-asdf-nipc, Extension-Async.yaml {@code Extension-Callback}), an http(s) URL and the
 * headers to send with it. Parsing refuses anything the gateway should not call: other schemes,
 * URLs with credentials, headers that would change how the request is framed.
 *
 * @param headers name to value; values may be secrets (an API key), so they are never shown or
 *     logged
 */
public record Callback(URI url, Map<String, String> headers) {
  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_HEADERS = 16;
  static final int MAX_HEADER_VALUE = 1024;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  private static final Set<String> FRAMING_HEADERS =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "transfer-encoding",
          "connection",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "keep-alive",
          "proxy-connection");

  public Callback {
    headers = Map.copyOf(headers);
  }

  /** The callback of a request body, if it has one; a malformed one is a 400 naming the fault. */
  public static Optional<Callback> of(JsonNode body) {
    JsonNode callback = body.get("callback");
    if (callback == null || callback.isNull()) {
      return Optional.empty();
    }
    if (!callback.isObject()) {
      throw invalid("callback must be an object with a url and optional headers");
    }
    callback
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("url") && !key.equals("headers")) {
                throw invalid("callback has an unknown member '" + key + "'");
              }
            });
    // The draft defaults the URL to the request's own; the gateway does not call itself back.
    if (!callback.path("url").isTextual()) {
      throw invalid("callback.url is required: an absolute http or https URL");
    }
    return Optional.of(new Callback(url(callback.get("url").asText()), headers(callback)));
  }

  /** Where the callback goes, for logs: scheme, host and port, never the path or query. */
  public String origin() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static URI url(String text) {
    if (text.length() > MAX_URL_LENGTH) {
      throw invalid("callback.url is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid("callback.url is not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("callback.url must be http or https");
    }
    if (url.getHost() == null || url.getRawUserInfo() != null) {
      throw invalid("callback.url needs a host and no user information");
    }
    return url;
  }

  private static Map<String, String> headers(JsonNode callback) {
    JsonNode headers = callback.get("headers");
    Map<String, String> found = new LinkedHashMap<>();
    if (headers == null || headers.isNull()) {
      return found;
    }
    if (!headers.isObject() || headers.size() > MAX_HEADERS) {
      throw invalid("callback.headers must be an object of at most " + MAX_HEADERS + " strings");
    }
    headers
        .fields()
        .forEachRemaining(
            header -> {
              String name = header.getKey();
              JsonNode value = header.getValue();
              if (!TOKEN.matcher(name).matches()
                  || FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw invalid("callback.headers may not set '" + name + "'");
              }
              if (!value.isTextual()
                  || value.asText().length() > MAX_HEADER_VALUE
                  || value.asText().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw invalid("callback.headers." + name + " must be a short printable string");
              }
              found.put(name, value.asText());
            });
    return found;
  }

  private static NipcException invalid(String detail) {
    return NipcException.badRequest(detail);
  }

  @Override
  public String toString() {
    return "Callback[" + origin() + ", " + headers.size() + " header(s)]";
  }
}
