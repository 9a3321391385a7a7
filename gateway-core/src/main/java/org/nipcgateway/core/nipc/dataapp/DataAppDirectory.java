package org.nipcgateway.core.nipc.dataapp;

import io.vertx.core.Future;
import java.util.List;
import org.nipcgateway.core.storage.ResourceStore;

/** Read access to data-app registrations for whatever delivers events (the streaming module). */
public final class DataAppDirectory {
  private final ResourceStore store;

  public DataAppDirectory(ResourceStore store) {
    this.store = store;
  }

  /** Every registered data app. */
  public Future<List<DataApp>> all() {
    return store.findAll(DataAppRegistry.TYPE).map(all -> all.stream().map(DataApp::of).toList());
  }

  /** The data apps registered for an event. */
  public Future<List<DataApp>> registeredFor(String eventName) {
    return all().map(apps -> apps.stream().filter(a -> a.events().contains(eventName)).toList());
  }
}
