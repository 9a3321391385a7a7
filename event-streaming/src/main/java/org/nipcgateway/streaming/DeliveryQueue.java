package org.nipcgateway.streaming;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.nipc.event.DeviceEvent;

/**
 * A data app's bounded queue of events for the embedded broker. Events that queue up while a
 * publication is pending go out together, one CBOR batch per topic; a full queue drops the new
 * event and counts it, so memory stays bounded and the event loop never waits.
 */
final class DeliveryQueue {
  static final String DELIVERED = "delivered";
  static final String PUBLICATIONS = "publications";
  static final String DROPPED_QUEUE_FULL = "droppedQueueFull";

  private final String dataAppId;
  private final int capacity;
  private final int maxBatch;
  private final Context context;
  private final EmbeddedBroker broker;
  private final DataBatchEncoder encoder;
  private final DeliveryStats stats;
  private final Deque<DeviceEvent> queued = new ArrayDeque<>();
  private boolean flushScheduled;

  DeliveryQueue(
      String dataAppId,
      int capacity,
      int maxBatch,
      Context context,
      EmbeddedBroker broker,
      DataBatchEncoder encoder,
      DeliveryStats stats) {
    this.dataAppId = dataAppId;
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.context = context;
    this.broker = broker;
    this.encoder = encoder;
    this.stats = stats;
  }

  synchronized void offer(DeviceEvent event) {
    if (queued.size() >= capacity) {
      stats.count(dataAppId, DROPPED_QUEUE_FULL, 1);
      return;
    }
    queued.add(event);
    if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    List<DeviceEvent> batch = new ArrayList<>();
    synchronized (this) {
      while (!queued.isEmpty() && batch.size() < maxBatch) {
        batch.add(queued.poll());
      }
      flushScheduled = !queued.isEmpty();
      if (flushScheduled) {
        context.runOnContext(v -> flush());
      }
    }
    Map<String, List<DeviceEvent>> byTopic = new LinkedHashMap<>();
    for (DeviceEvent event : batch) {
      byTopic
          .computeIfAbsent(MqttTopics.of(dataAppId, event.namespacedPath()), t -> new ArrayList<>())
          .add(event);
    }
    byTopic.forEach(
        (topic, events) -> {
          broker.publish(topic, encoder.encode(events));
          stats.count(dataAppId, PUBLICATIONS, 1);
          stats.count(dataAppId, DELIVERED, events.size());
        });
  }
}
