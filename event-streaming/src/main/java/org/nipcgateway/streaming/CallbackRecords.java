package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.security.SecretBox;

/**
 * A queued callback as its log record holds it: JSON of the URL, the headers sealed with the
 * gateway's secret key (they may hold the receiver's API key, and the data directory is backed up)
 * and the body as the receiver gets it.
 */
final class CallbackRecords {
  /** A queued callback, decoded. */
  record Queued(Callback callback, JsonObject body) {}

  private final SecretBox secrets;

  CallbackRecords(SecretBox secrets) {
    this.secrets = secrets;
  }

  byte[] encode(Callback callback, JsonObject body) {
    JsonObject record = new JsonObject().put("url", callback.url().toString()).put("body", body);
    if (!callback.headers().isEmpty()) {
      JsonObject headers = new JsonObject();
      callback.headers().forEach(headers::put);
      record.put("headers", secrets.seal(headers.encode()));
    }
    return record.encode().getBytes(StandardCharsets.UTF_8);
  }

  /** Fails with {@link IllegalArgumentException} for a record it cannot read (another key). */
  Queued decode(byte[] item) {
    JsonObject record = new JsonObject(new String(item, StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    String sealed = record.getString("headers");
    if (sealed != null) {
      new JsonObject(secrets.open(sealed))
          .forEach(h -> headers.put(h.getKey(), (String) h.getValue()));
    }
    return new Queued(
        new Callback(URI.create(record.getString("url")), headers), record.getJsonObject("body"));
  }
}
