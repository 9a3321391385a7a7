package org.nipcgateway.core.security;

/**
 * One audit record as the event loop captures it: plain fields, no formatting. The line is built
 * later, by the audit writer's own thread.
 *
 * @param epochMillis when the request was let in or turned away
 * @param target the {@code id} path parameter, or null when the route has none
 */
record AuditEntry(
    long epochMillis,
    String caller,
    String via,
    String method,
    String route,
    String path,
    int status,
    String target,
    boolean denied)
    implements AuditRecord {}
