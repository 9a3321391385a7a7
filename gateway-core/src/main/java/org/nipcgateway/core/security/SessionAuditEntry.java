package org.nipcgateway.core.security;

/**
 * One audit record of a session that is not an HTTP request: an MQTT client's login, refused login
 * or subscription. Plain fields, formatted by the audit writer's thread as HTTP's are.
 *
 * @param caller {@code app:<id>} for a user name, {@code anonymous} without one
 * @param via the protocol ({@code mqtt})
 * @param method what was done ({@code mqtt-login}, {@code mqtt-subscribe})
 * @param client the client's own id for its session
 * @param address the client's IP address, {@code ""} when it could not be told
 * @param topic the topic filter subscribed to, or null
 * @param reason why it was refused, or null
 */
public record SessionAuditEntry(
    long epochMillis,
    String caller,
    String via,
    String method,
    String client,
    String address,
    String topic,
    String reason,
    boolean denied)
    implements AuditRecord {}
