package org.nipcgateway.core.nipc.dataapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Read access to data-app registrations for whatever delivers events (the streaming module), with
 * their secrets opened again (they are stored sealed).
 */
public final class DataAppDirectory {
  private final ResourceStore store;
  private final SecretBox box;
  private final Map<String, Opened> opened = new ConcurrentHashMap<>();

  public DataAppDirectory(ResourceStore store, SecretBox box) {
    this.store = store;
    this.box = box;
  }

  /**
   * Every registered data app. Opening secrets costs a decryption, and events ask for every one of
   * them, so each stored version is opened once (the store hands out the same value until the
   * registration changes).
   */
  public Future<List<DataApp>> all() {
    return store.findAll(DataAppRegistry.TYPE).map(all -> all.stream().map(this::dataApp).toList());
  }

  private DataApp dataApp(StoredResource resource) {
    Opened known = opened.get(resource.id());
    if (known != null && known.resource() == resource) {
      return known.app();
    }
    DataApp app = DataApp.of(resource, opened(resource.secrets()));
    opened.put(resource.id(), new Opened(resource, app));
    return app;
  }

  private record Opened(StoredResource resource, DataApp app) {}

  private ObjectNode opened(ObjectNode sealed) {
    ObjectNode out = sealed.deepCopy();
    if (out.has("password")) {
      out.put("password", box.open(out.get("password").asText()));
    }
    if (out.has("headers")) {
      ObjectNode headers = (ObjectNode) out.get("headers");
      List<String> names = new ArrayList<>();
      headers.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> headers.put(n, box.open(headers.get(n).asText())));
    }
    return out;
  }

  /** The data apps registered for an event. */
  public Future<List<DataApp>> registeredFor(String eventName) {
    return all().map(apps -> apps.stream().filter(a -> a.events().contains(eventName)).toList());
  }
}
