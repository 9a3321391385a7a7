package org.nipcgateway.scim.registry;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.model.RegisteredModelNames;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * The registered models' names that device writes are checked against, listed again only when the
 * store's models changed (its change count moved): every create used to list and read every model.
 */
final class RegisteredModels {
  private record Listed(long changes, RegisteredModelNames names) {}

  private final ResourceStore store;
  private volatile Listed listed;

  RegisteredModels(ResourceStore store) {
    this.store = store;
  }

  Future<RegisteredModelNames> names() {
    // The count is read before the list: a model written in between makes the next call list
    // again, never keeps a list older than its count.
    long changes = store.changes(SdfModelRegistry.TYPE);
    Listed current = listed;
    if (current != null && current.changes() == changes) {
      return Future.succeededFuture(current.names());
    }
    return store
        .findAll(SdfModelRegistry.TYPE)
        .map(RegisteredModelNames::of)
        .onSuccess(names -> listed = new Listed(changes, names));
  }
}
