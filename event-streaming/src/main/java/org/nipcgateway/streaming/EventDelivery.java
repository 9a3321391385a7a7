package org.nipcgateway.streaming;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.DeviceEventListener;
import org.nipcgateway.core.events.UnonboardedAdvertisement;
import org.nipcgateway.core.nipc.dataapp.DataApp;
import org.nipcgateway.core.nipc.dataapp.DataAppDirectory;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * Routes each enabled event to the data apps registered for it, through each app's queue to its
 * destination: the embedded broker ({@code mqttClient}), the app's own broker ({@code mqttBroker}),
 * a webhook or a websocket. A registration that changed gets a new destination. An {@code
 * mqttClient} app while the embedded broker is turned off has its events counted as dropped with
 * that reason rather than lost silently.
 */
final class EventDelivery implements DeviceEventListener {
  static final String DROPPED_UNSUPPORTED = "droppedDeliveryNotAvailable";
  static final String DROPPED_NOT_LINKED = "withheldNotLinked";
  private static final long CLOSE_TIMEOUT_SECONDS = 3;

  private record Route(DataApp app, DeliveryQueue queue) {}

  private final DataAppDirectory directory;
  private final LinkedDevices linked;
  private final RegisteredApps registered;
  private final EmbeddedBroker broker;
  private final Context context;
  private final DeliverySettings settings;
  private final LogWorker worker;
  private final DataBatchEncoder encoder = new DataBatchEncoder();
  private final DeliveryStats stats;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  EventDelivery(
      DataAppDirectory directory,
      DeviceScope scope,
      ResourceStore store,
      EmbeddedBroker broker,
      Context context,
      DeliverySettings settings,
      DeliveryStats stats) {
    this.directory = directory;
    this.linked = new LinkedDevices(scope, store);
    this.registered = new RegisteredApps(directory, store);
    this.broker = broker;
    this.context = context;
    this.settings = settings;
    this.stats = stats;
    this.worker = new LogWorker(context.owner());
  }

  /**
   * At start: data apps with a log from before the restart get their queue at once, so what was
   * queued goes out without waiting for a new event; logs of apps that no longer exist are removed.
   */
  Future<Void> resume() {
    return directory
        .all()
        .compose(
            apps ->
                worker.run(
                    () -> {
                      java.util.Set<java.nio.file.Path> known = new java.util.HashSet<>();
                      apps.forEach(app -> known.add(settings.logDir(app.id())));
                      DeliveryLogs.removeAllBut(settings.logRoot(), known);
                      return apps.stream()
                          .filter(app -> java.nio.file.Files.isDirectory(settings.logDir(app.id())))
                          .toList();
                    }))
        .onSuccess(withLogs -> withLogs.forEach(this::queue))
        .mapEmpty();
  }

  /** The data app was deleted: its queue goes, with its log. */
  void forget(String dataAppId) {
    Route route;
    synchronized (this) {
      route = routes.remove(dataAppId);
    }
    Future<Void> closed = route == null ? Future.succeededFuture() : route.queue().close();
    closed.onComplete(v -> worker.run(() -> DeliveryLogs.remove(settings.logDir(dataAppId))));
  }

  /**
   * A persistent session of the app disconnected or dropped off: what the broker had in flight to
   * it lives in the broker's memory only, so the app's queue publishes what it still holds again,
   * and the session's persistent queue takes it. May be called on any thread.
   */
  void sessionWentAway(String dataAppId) {
    Route route = routes.get(dataAppId);
    if (route != null) {
      route.queue().replayHeld();
    }
  }

  /** Per data app: its queue and destination, with the counters. */
  io.vertx.core.json.JsonObject json() {
    io.vertx.core.json.JsonObject apps = stats.json();
    routes.forEach(
        (id, route) -> {
          io.vertx.core.json.JsonObject counters = apps.getJsonObject(id);
          if (counters == null) {
            counters = new io.vertx.core.json.JsonObject();
            apps.put(id, counters);
          }
          counters.mergeIn(route.queue().json());
        });
    return apps;
  }

  /**
   * A data app receives the events of the devices it is linked to (the device lists it, or they
   * share a group), and nothing of the others: the same scope its HTTP access has.
   */
  @Override
  public void onEvent(DeviceEvent event) {
    registered
        .registeredFor(event.eventName())
        .onSuccess(
            apps ->
                apps.forEach(
                    app ->
                        linked
                            .linked(app.id(), event.deviceId())
                            .onSuccess(
                                yes -> {
                                  if (yes) {
                                    deliver(app, event);
                                  } else {
                                    stats.count(app.id(), kindOf(app), DROPPED_NOT_LINKED, 1);
                                  }
                                })));
  }

  /**
   * An operator granted this data app the advertisements of devices that are not onboarded: no
   * device scope applies (there is no device), the grant is the permission.
   */
  @Override
  public void onUnonboardedAdvertisement(UnonboardedAdvertisement advertisement) {
    directory
        .all()
        .onSuccess(
            apps ->
                apps.stream()
                    .filter(app -> app.id().equals(advertisement.dataAppId()))
                    .findFirst()
                    .ifPresent(
                        app ->
                            deliver(
                                app,
                                UnonboardedAdvertisement.TOPIC_PATH,
                                encoder.item(advertisement))));
  }

  /** The app's delivery kind, for the meters; "none" for an app registered without one. */
  private static String kindOf(DataApp app) {
    try {
      return app.delivery();
    } catch (IllegalStateException e) {
      return "none";
    }
  }

  /** Closes every destination (at shutdown), waiting at most a few seconds for them. */
  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    routes.values().forEach(r -> closing.add(r.queue().close()));
    routes.clear();
    return Future.join(closing)
        .timeout(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .<Void>mapEmpty()
        .otherwiseEmpty()
        .transform(v -> worker.close());
  }

  private void deliver(DataApp app, DeviceEvent event) {
    Optional<DeliveryQueue> queue = queue(app);
    if (queue.isPresent()) {
      queue.get().offer(event);
    } else {
      stats.count(app.id(), kindOf(app), DROPPED_UNSUPPORTED, 1);
    }
  }

  private void deliver(DataApp app, String path, byte[] item) {
    Optional<DeliveryQueue> queue = queue(app);
    if (queue.isPresent()) {
      queue.get().offer(path, item);
    } else {
      stats.count(app.id(), kindOf(app), DROPPED_UNSUPPORTED, 1);
    }
  }

  private synchronized Optional<DeliveryQueue> queue(DataApp app) {
    Route route = routes.get(app.id());
    // The directory answers the same DataApp while its resource is unchanged: identity first, since
    // comparing registrations walks their JSON, for every event.
    if (route != null && (route.app() == app || route.app().equals(app))) {
      return Optional.of(route.queue());
    }
    Optional<Destination> destination = destination(app);
    if (route != null && destination.isPresent()) {
      // Same log, new place: what is queued for the app follows its registration.
      route.queue().redirect(destination.get());
      routes.put(app.id(), new Route(app, route.queue()));
      return Optional.of(route.queue());
    }
    if (route != null) {
      route.queue().close();
      routes.remove(app.id());
    }
    destination.ifPresent(
        d ->
            routes.put(
                app.id(),
                new Route(
                    app,
                    new DeliveryQueue(
                        app.id(), kindOf(app), settings, context, d, encoder, stats, worker))));
    return destination.map(d -> routes.get(app.id()).queue());
  }

  private Optional<Destination> destination(DataApp app) {
    return switch (app.delivery()) {
      case "mqttClient" ->
          broker != null && app.registration().path("mqttClient").asBoolean()
              ? Optional.of(new EmbeddedBrokerDestination(broker, app.id(), context.owner(), stats))
              : Optional.empty();
      case "webhook" -> Optional.of(new WebhookDestination(context.owner(), app));
      case "websocket" -> Optional.of(new WebSocketDestination(context.owner(), app));
      case "mqttBroker" -> Optional.of(new RemoteBrokerDestination(context.owner(), app));
      default -> Optional.empty();
    };
  }
}
