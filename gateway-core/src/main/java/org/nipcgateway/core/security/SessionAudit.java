package org.nipcgateway.core.security;

/**
 * Where modules with sessions of their own (the embedded MQTT broker) write their audit records:
 * the same {@code audit.log} as HTTP's. {@link #record} only queues the entry; it never blocks and
 * may be called on any thread.
 */
public interface SessionAudit {
  void record(SessionAuditEntry entry);
}
