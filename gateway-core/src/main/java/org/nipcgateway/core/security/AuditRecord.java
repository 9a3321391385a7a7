package org.nipcgateway.core.security;

/** What goes into the audit log: a guarded HTTP request, or a step of a broker session. */
sealed interface AuditRecord permits AuditEntry, SessionAuditEntry {}
