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
import org.nipcgateway.core.nipc.dataapp.DataApp;
import org.nipcgateway.core.nipc.dataapp.DataAppDirectory;
import org.nipcgateway.core.security.DeviceScope;

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
  private final DeviceScope scope;
  private final EmbeddedBroker broker;
  private final Context context;
  private final StreamingSettings settings;
  private final DataBatchEncoder encoder = new DataBatchEncoder();
  private final DeliveryStats stats;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  EventDelivery(
      DataAppDirectory directory,
      DeviceScope scope,
      EmbeddedBroker broker,
      Context context,
      StreamingSettings settings,
      DeliveryStats stats) {
    this.directory = directory;
    this.scope = scope;
    this.broker = broker;
    this.context = context;
    this.settings = settings;
    this.stats = stats;
  }

  /**
   * A data app receives the events of the devices it is linked to (the device lists it, or they
   * share a group), and nothing of the others: the same scope its HTTP access has.
   */
  @Override
  public void onEvent(DeviceEvent event) {
    directory
        .registeredFor(event.eventName())
        .onSuccess(
            apps ->
                apps.forEach(
                    app ->
                        scope
                            .mayUseDevice(app.id(), event.deviceId())
                            .onSuccess(
                                linked -> {
                                  if (linked) {
                                    deliver(app, event);
                                  } else {
                                    stats.count(app.id(), kindOf(app), DROPPED_NOT_LINKED, 1);
                                  }
                                })));
  }

  /**
   * The app's delivery kind for the meters, or {@code none}: counting must never throw, or the apps
   * after this one in the loop would get nothing.
   */
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
        .otherwiseEmpty();
  }

  private void deliver(DataApp app, DeviceEvent event) {
    Optional<DeliveryQueue> queue = queue(app);
    if (queue.isPresent()) {
      queue.get().offer(event);
    } else {
      stats.count(app.id(), kindOf(app), DROPPED_UNSUPPORTED, 1);
    }
  }

  private synchronized Optional<DeliveryQueue> queue(DataApp app) {
    Route route = routes.get(app.id());
    if (route != null && route.app().equals(app)) {
      return Optional.of(route.queue());
    }
    if (route != null) {
      route.queue().close(); // the old destination winds down on its own
      routes.remove(app.id());
    }
    Optional<Destination> destination = destination(app);
    destination.ifPresent(
        d ->
            routes.put(
                app.id(),
                new Route(
                    app,
                    new DeliveryQueue(
                        app.id(),
                        app.delivery(),
                        settings.queueCapacity(),
                        settings.maxBatch(),
                        context,
                        d,
                        encoder,
                        stats))));
    return destination.map(d -> routes.get(app.id()).queue());
  }

  private Optional<Destination> destination(DataApp app) {
    return switch (app.delivery()) {
      case "mqttClient" ->
          broker != null && app.registration().path("mqttClient").asBoolean()
              ? Optional.of(new EmbeddedBrokerDestination(broker))
              : Optional.empty();
      case "webhook" -> Optional.of(new WebhookDestination(context.owner(), app));
      case "websocket" -> Optional.of(new WebSocketDestination(context.owner(), app));
      case "mqttBroker" -> Optional.of(new RemoteBrokerDestination(context.owner(), app));
      default -> Optional.empty();
    };
  }
}
