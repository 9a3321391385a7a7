package org.nipcgateway.streaming;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.nipc.dataapp.DataApp;
import org.nipcgateway.core.nipc.dataapp.DataAppDirectory;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * The data apps registered for an event ({@link DataAppDirectory#registeredFor}), remembered until
 * a data app changes in the store: the directory lists and filters every app, for every event.
 * Radios may report on any thread, so it locks.
 */
final class RegisteredApps {
  /** Event names remembered at most: beyond, they are forgotten and asked again. */
  private static final int MAX_EVENTS = 4096;

  private final DataAppDirectory directory;
  private final ResourceStore store;
  private final Map<String, List<DataApp>> byEvent = new HashMap<>();
  private long changes = -1;

  RegisteredApps(DataAppDirectory directory, ResourceStore store) {
    this.directory = directory;
    this.store = store;
  }

  Future<List<DataApp>> registeredFor(String eventName) {
    long now = store.changes(DataAppRegistry.TYPE);
    List<DataApp> known = known(eventName, now);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return directory.registeredFor(eventName).onSuccess(apps -> keep(eventName, apps, now));
  }

  private synchronized List<DataApp> known(String eventName, long now) {
    if (now != changes) {
      byEvent.clear();
      changes = now;
    }
    return byEvent.get(eventName);
  }

  /** A list from before a change that came in meanwhile is not kept. */
  private synchronized void keep(String eventName, List<DataApp> apps, long asOf) {
    if (changes == asOf && store.changes(DataAppRegistry.TYPE) == asOf) {
      if (byEvent.size() >= MAX_EVENTS) {
        byEvent.clear();
      }
      byEvent.put(eventName, apps);
    }
  }
}
