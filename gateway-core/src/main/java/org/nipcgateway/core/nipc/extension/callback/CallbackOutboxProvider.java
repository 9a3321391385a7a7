package org.nipcgateway.core.nipc.extension.callback;

/**
 * Makes the gateway's {@link CallbackOutbox}. Found with {@link java.util.ServiceLoader}, so that
 * the core hands callbacks to a module it does not depend on (event-streaming, which keeps them in
 * the same kind of on-disk log as data-app events), as it hands it events through the event hub. At
 * most one may be installed.
 */
public interface CallbackOutboxProvider {

  /**
   * Opens the outbox; called once at start on the gateway's event loop, must not block (what is on
   * disk is read in the background, and {@link CallbackOutbox#enqueue} waits for it).
   */
  CallbackOutbox open(CallbackOutboxContext context);
}
