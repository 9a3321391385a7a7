package org.nipcgateway.core.security;

/** Where audit entries go. {@link #append} is called on event loops and must not block. */
interface AuditSink {
  void append(AuditRecord entry);

  /** A sink that keeps nothing (for tests of the guard that do not look at the audit). */
  AuditSink NONE = entry -> {};
}
