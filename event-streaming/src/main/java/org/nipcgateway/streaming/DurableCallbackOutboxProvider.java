package org.nipcgateway.streaming;

import org.nipcgateway.core.nipc.extension.callback.CallbackOutbox;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxContext;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxProvider;

/**
 * Gives the NIPC engine a durable callback outbox: the core finds it with {@link
 * java.util.ServiceLoader} and never depends on this module.
 */
public final class DurableCallbackOutboxProvider implements CallbackOutboxProvider {
  @Override
  public CallbackOutbox open(CallbackOutboxContext context) {
    return new DurableCallbackOutbox(context);
  }
}
