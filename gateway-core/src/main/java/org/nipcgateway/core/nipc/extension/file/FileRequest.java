package org.nipcgateway.core.nipc.extension.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;

/**
 * A File extension body, checked: {@code fileURL} (https, or http where the configuration allows
 * it; another scheme is unsupported-uri-scheme), {@code chunkSize}, {@code sha256Checksum} (64 hex
 * digits), {@code headers} (names to string values) and {@code callback}.
 *
 * @param callback where the outcome is posted once the write finished
 */
public record FileRequest(
    URI fileUrl,
    int chunkSize,
    Optional<byte[]> sha256,
    MultiMap headers,
    Optional<Callback> callback) {

  public static FileRequest parse(JsonNode body, int defaultChunkSize, boolean allowHttp) {
    if (!body.isObject()) {
      throw NipcException.badRequest("the file request must be a JSON object");
    }
    URI url = url(body.path("fileURL"), allowHttp);
    int chunkSize = defaultChunkSize;
    JsonNode size = body.path("chunkSize");
    if (!size.isMissingNode() && !size.isNull()) {
      if (!size.isIntegralNumber() || !size.canConvertToInt() || size.asInt() < 1) {
        throw NipcException.badRequest("'chunkSize' must be a whole number of bytes, at least 1");
      }
      chunkSize = size.asInt();
    }
    Optional<byte[]> sha256 = Optional.empty();
    JsonNode checksum = body.path("sha256Checksum");
    if (!checksum.isMissingNode() && !checksum.isNull()) {
      String hex = checksum.asText("");
      if (!checksum.isTextual() || !hex.matches("[0-9a-fA-F]{64}")) {
        throw NipcException.badRequest("'sha256Checksum' must be 64 hexadecimal digits");
      }
      sha256 = Optional.of(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }
    return new FileRequest(
        url, chunkSize, sha256, headers(body.path("headers")), Callback.of(body));
  }

  private static URI url(JsonNode value, boolean allowHttp) {
    if (!value.isTextual() || value.asText().isBlank()) {
      throw NipcException.badRequest("the body needs a 'fileURL'");
    }
    URI url;
    try {
      url = new URI(value.asText());
    } catch (URISyntaxException e) {
      throw NipcException.badRequest("'fileURL' is not a URI: " + e.getReason());
    }
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw NipcException.of(
          NipcProblem.UNSUPPORTED_URI_SCHEME,
          "'fileURL' must be an https URL" + (allowHttp ? " (or http)" : "") + ", got " + scheme);
    }
    if (url.getHost() == null) {
      throw NipcException.badRequest("'fileURL' names no host");
    }
    return url;
  }

  private static MultiMap headers(JsonNode value) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (value.isMissingNode() || value.isNull()) {
      return headers;
    }
    if (!value.isObject()) {
      throw NipcException.badRequest("'headers' must map header names to strings");
    }
    value
        .fields()
        .forEachRemaining(
            h -> {
              if (!h.getValue().isTextual()
                  || !h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                  || h.getValue().asText().matches("(?s).*[\\r\\n].*")) {
                throw NipcException.badRequest("header '" + h.getKey() + "' is not name: string");
              }
              headers.add(h.getKey(), h.getValue().asText());
            });
    return headers;
  }
}
