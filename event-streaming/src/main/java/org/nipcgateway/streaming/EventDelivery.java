package org.nipcgateway.streaming;

import io.vertx.core.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.nipc.dataapp.DataApp;
import org.nipcgateway.core.nipc.dataapp.DataAppDirectory;
import org.nipcgateway.core.nipc.event.DeviceEvent;
import org.nipcgateway.core.nipc.event.DeviceEventListener;

/**
 * Routes each enabled event to the data apps registered for it: {@code mqttClient} apps through
 * their queue to the embedded broker. Deliveries not built yet ({@code mqttBroker}, {@code
 * webhook}, {@code websocket}) are counted as dropped with that reason rather than lost silently.
 */
final class EventDelivery implements DeviceEventListener {
  static final String DROPPED_UNSUPPORTED = "droppedDeliveryNotAvailable";

  private final DataAppDirectory directory;
  private final EmbeddedBroker broker;
  private final Context context;
  private final StreamingSettings settings;
  private final DataBatchEncoder encoder = new DataBatchEncoder();
  private final DeliveryStats stats;
  private final Map<String, DeliveryQueue> queues = new ConcurrentHashMap<>();

  EventDelivery(
      DataAppDirectory directory,
      EmbeddedBroker broker,
      Context context,
      StreamingSettings settings,
      DeliveryStats stats) {
    this.directory = directory;
    this.broker = broker;
    this.context = context;
    this.settings = settings;
    this.stats = stats;
  }

  @Override
  public void onEvent(DeviceEvent event) {
    directory
        .registeredFor(event.eventName())
        .onSuccess(apps -> apps.forEach(app -> deliver(app, event)));
  }

  private void deliver(DataApp app, DeviceEvent event) {
    if (app.delivery().equals("mqttClient") && app.registration().path("mqttClient").asBoolean()) {
      queues
          .computeIfAbsent(
              app.id(),
              id ->
                  new DeliveryQueue(
                      id,
                      settings.queueCapacity(),
                      settings.maxBatch(),
                      context,
                      broker,
                      encoder,
                      stats))
          .offer(event);
    } else {
      stats.count(app.id(), DROPPED_UNSUPPORTED, 1);
    }
  }
}
