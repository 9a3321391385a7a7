package org.nipcgateway.streaming;

import java.time.Clock;
import org.nipcgateway.core.security.SessionAudit;
import org.nipcgateway.core.security.SessionAuditEntry;

/**
 * The embedded broker's lines in the audit log ({@code audit.log}, beside HTTP's): logins, refused
 * logins and subscriptions, with the client id, the user name (an app id) and the client's IP
 * address ({@code ""} when it could not be told), never a password.
 */
final class MqttAudit {
  private static final String VIA = "mqtt";

  private final SessionAudit log;
  private final Clock clock;

  MqttAudit(SessionAudit log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void loggedIn(String clientId, String user, String address) {
    write("mqtt-login", clientId, user, address, null, null, false);
  }

  void refused(String clientId, String user, String address, String why) {
    write("mqtt-login", clientId, user, address, null, why, true);
  }

  void subscribed(
      String clientId, String user, String address, String topicFilter, boolean allowed) {
    write("mqtt-subscribe", clientId, user, address, topicFilter, null, !allowed);
  }

  private void write(
      String what,
      String clientId,
      String user,
      String address,
      String topic,
      String reason,
      boolean denied) {
    log.record(
        new SessionAuditEntry(
            clock.millis(),
            user == null ? "anonymous" : "app:" + user,
            VIA,
            what,
            clientId == null ? "" : clientId,
            address == null ? "" : address,
            topic,
            reason,
            denied));
  }
}
