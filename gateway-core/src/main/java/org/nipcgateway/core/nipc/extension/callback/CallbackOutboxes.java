package org.nipcgateway.core.nipc.extension.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the gateway's callback outbox: the one {@link CallbackOutboxProvider} on the class path
 * (event-streaming's, durable), or, when none is installed, callbacks sent from memory with capped
 * retries, said at start. Two providers stop the start: which one keeps the callbacks must not
 * depend on class path order.
 */
public final class CallbackOutboxes {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackOutboxes.class);

  private CallbackOutboxes() {}

  public static CallbackOutbox open(CallbackOutboxContext context, CallbackSender fromMemory) {
    List<CallbackOutboxProvider> found = new ArrayList<>();
    ServiceLoader.load(CallbackOutboxProvider.class).forEach(found::add);
    if (found.size() > 1) {
      throw new IllegalStateException(
          "more than one callback outbox is installed: "
              + found.stream().map(p -> p.getClass().getName()).toList());
    }
    if (found.isEmpty()) {
      LOG.info("No durable callback outbox installed: callbacks are sent from memory");
      return new SendingCallbackOutbox(fromMemory);
    }
    return found.get(0).open(context);
  }
}
