package org.nipcgateway.streaming;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.events.DeviceEvent;

/**
 * A data app's bounded queue of events for its destination. Events that queue up while a batch is
 * on its way go out together, one CBOR batch per topic; one batch is in flight at a time. A batch
 * that fails is retried with growing pauses and then counted as undeliverable; a full queue drops
 * the new event and counts it. Memory stays bounded and the event loop never waits.
 */
final class DeliveryQueue {
  static final String DELIVERED = "delivered";
  static final String PUBLICATIONS = "publications";
  static final String DROPPED_QUEUE_FULL = "droppedQueueFull";
  static final String DROPPED_UNDELIVERABLE = "droppedUndeliverable";
  static final String RETRIES = "retries";
  private static final int ATTEMPTS = 4;
  private static final long FIRST_PAUSE_MS = 200;

  private final String dataAppId;
  private final String destinationKind;
  private final int capacity;
  private final int maxBatch;
  private final Context context;
  private final Destination destination;
  private final DataBatchEncoder encoder;
  private final DeliveryStats stats;
  private final Deque<DeviceEvent> queued = new ArrayDeque<>();
  private boolean flushScheduled;
  private boolean sending;

  DeliveryQueue(
      String dataAppId,
      String destinationKind,
      int capacity,
      int maxBatch,
      Context context,
      Destination destination,
      DataBatchEncoder encoder,
      DeliveryStats stats) {
    this.dataAppId = dataAppId;
    this.destinationKind = destinationKind;
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.context = context;
    this.destination = destination;
    this.encoder = encoder;
    this.stats = stats;
  }

  synchronized void offer(DeviceEvent event) {
    if (queued.size() >= capacity) {
      stats.count(dataAppId, destinationKind, DROPPED_QUEUE_FULL, 1);
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
      flushScheduled = false;
      if (sending) {
        return; // the batch in flight schedules the next flush when it is done
      }
      while (!queued.isEmpty() && batch.size() < maxBatch) {
        batch.add(queued.poll());
      }
      if (batch.isEmpty()) {
        return;
      }
      sending = true;
    }
    Map<String, List<DeviceEvent>> byTopic = new LinkedHashMap<>();
    for (DeviceEvent event : batch) {
      byTopic
          .computeIfAbsent(MqttTopics.of(dataAppId, event.namespacedPath()), t -> new ArrayList<>())
          .add(event);
    }
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<DeviceEvent>> topic : byTopic.entrySet()) {
      chain = chain.transform(v -> sendWithRetries(topic.getKey(), topic.getValue(), 1));
    }
    chain.onComplete(
        done -> {
          synchronized (this) {
            sending = false;
            if (!queued.isEmpty() && !flushScheduled) {
              flushScheduled = true;
              context.runOnContext(v -> flush());
            }
          }
        });
  }

  /** Sends one topic's batch, retrying with doubling pauses; never fails (drops are counted). */
  private Future<Void> sendWithRetries(String topic, List<DeviceEvent> events, int attempt) {
    return destination
        .send(topic, encoder.encode(events))
        .map(
            v -> {
              stats.count(dataAppId, destinationKind, PUBLICATIONS, 1);
              stats.count(dataAppId, destinationKind, DELIVERED, events.size());
              return v;
            })
        .recover(
            e -> {
              if (attempt >= ATTEMPTS) {
                stats.count(dataAppId, destinationKind, DROPPED_UNDELIVERABLE, events.size());
                return Future.succeededFuture();
              }
              stats.count(dataAppId, destinationKind, RETRIES, 1);
              Promise<Void> pause = Promise.promise();
              context.owner().setTimer(FIRST_PAUSE_MS << (attempt - 1), t -> pause.complete());
              return pause.future().compose(v -> sendWithRetries(topic, events, attempt + 1));
            });
  }

  Future<Void> close() {
    return destination.close();
  }
}
