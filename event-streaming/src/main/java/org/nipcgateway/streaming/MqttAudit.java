package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's lines in the audit log ({@code nipc.audit}, as HTTP's): logins, refused
 * logins and subscriptions, with the client id, the user name (an app id) and the client's IP
 * address ({@code ""} when it could not be told), never a password.
 */
final class MqttAudit {
  private static final Logger AUDIT = LoggerFactory.getLogger("nipc.audit");

  private final Clock clock;

  MqttAudit(Clock clock) {
    this.clock = clock;
  }

  void loggedIn(String clientId, String user, String address) {
    write(line("mqtt-login", clientId, user, address));
  }

  void refused(String clientId, String user, String address, String why) {
    write(line("mqtt-login", clientId, user, address).put("denied", true).put("reason", why));
  }

  void subscribed(
      String clientId, String user, String address, String topicFilter, boolean allowed) {
    JsonObject line = line("mqtt-subscribe", clientId, user, address).put("topic", topicFilter);
    write(allowed ? line : line.put("denied", true));
  }

  private JsonObject line(String what, String clientId, String user, String address) {
    return new JsonObject()
        .put("time", clock.instant().toString())
        .put("caller", user == null ? "anonymous" : "app:" + user)
        .put("via", "mqtt")
        .put("method", what)
        .put("client", clientId == null ? "" : clientId)
        .put("address", address == null ? "" : address);
  }

  private static void write(JsonObject line) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info("{}", line.encode());
    }
  }
}
