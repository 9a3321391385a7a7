package org.nipcgateway.streaming;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.streaming.log.LogBatch;
import org.nipcgateway.streaming.log.LogRecord;
import org.nipcgateway.streaming.log.LogState;
import org.nipcgateway.streaming.log.SegmentedEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data app's store-and-forward queue: every event is appended to the app's log on disk first,
 * then delivered from the log in order, one read (up to {@link #PUBLICATIONS_PER_READ} times {@code
 * maxBatch} events, CBOR batches of at most {@code maxBatch} per topic) at a time. Only the
 * destination's acknowledgement removes a batch from the log; a batch that fails is sent again,
 * after pauses that grow to a cap, until the destination takes it (events queued meanwhile wait
 * behind it). A destination whose taking a batch is not yet proof it is kept ({@link
 * Destination#replayHold()}: the embedded broker) has the batch acknowledged only once the hold
 * passed; until then it is sent again after a restart, or when {@link #replayHeld()} asks (counted
 * {@code republished}, not {@code delivered}). The log's bounds drop the oldest events, counted.
 * All state changes run on one context; disk I/O on the {@link LogWorker}.
 */
final class DeliveryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  static final String DELIVERED = "delivered";
  static final String PUBLICATIONS = "publications";
  static final String DROPPED_QUEUE_FULL = "droppedQueueFull";
  static final String DROPPED_EXPIRED = "droppedExpired";
  static final String DROPPED_LOG_FAILED = "droppedLogWriteFailed";
  static final String DROPPED_PENDING_FULL = "droppedPendingFull";
  static final String RETRIES = "retries";
  static final String REPUBLISHED = "republished";
  static final String EVICTED_UNACKNOWLEDGED = "evictedUnacknowledged";

  private record Publication(String topic, List<byte[]> items) {}

  /**
   * Publications one read from the log may fill: each read, and each acknowledgement, is a hop to
   * the log's worker and back through a busy event loop, which at 100 events per hop capped a fast
   * destination near 20,000 events/s (decisions, fan-out).
   */
  static final int PUBLICATIONS_PER_READ = 10;

  private final String dataAppId;
  private final Map<String, String> topics = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_TOPICS = 1024;
  private final String destinationKind;
  private final int maxBatch;
  private final Context context;
  private final DataBatchEncoder encoder;
  private final DeliveryStats stats;
  private final LogWorker worker;
  private final Clock clock;
  private final Future<SegmentedEventLog> log;
  private final DestinationHealth health;
  private Destination destination;
  private final PendingAppends toAppend;
  private boolean appending;
  private boolean reading;
  private LogBatch inFlight;
  private List<Publication> publications;
  private int published;
  private long retryTimer = -1;
  private final HeldAcknowledgements held = new HeldAcknowledgements();
  private long holdTimer = -1;
  private boolean replayWanted;

  /** Events before this sequence were already sent once by this queue. */
  private long sentUpTo = -1;

  private boolean closed;
  private volatile LogState state = LogState.empty();

  /** Events waiting in memory for the log's worker, for {@code GET /streaming}. */
  private volatile int pending;

  DeliveryQueue(
      String dataAppId,
      String destinationKind,
      DeliverySettings settings,
      Context context,
      Destination destination,
      DataBatchEncoder encoder,
      DeliveryStats stats,
      LogWorker worker) {
    this.dataAppId = dataAppId;
    this.destinationKind = destinationKind;
    this.maxBatch = settings.maxBatch();
    this.context = context;
    this.destination = destination;
    this.encoder = encoder;
    this.stats = stats;
    this.worker = worker;
    this.clock = settings.clock();
    this.health = new DestinationHealth(settings.maxRetryPause());
    this.toAppend = new PendingAppends(settings.maxPendingBytes());
    this.log =
        worker.run(
            () -> SegmentedEventLog.open(settings.logDir(dataAppId), settings.limits(), clock));
    log.onSuccess(opened -> context.runOnContext(v -> pump()))
        .onFailure(e -> LOG.error("Cannot open the delivery log of data app {}", dataAppId, e));
  }

  /** Queues an event; may be called on any thread, returns at once. */
  void offer(DeviceEvent event) {
    offer(event.namespacedPath(), encoder.item(event));
  }

  /**
   * Queues one encoded DataSubscription for the topic {@code data-app/<id>/<path>}; may be called
   * on any thread, returns at once.
   */
  void offer(String path, byte[] item) {
    LogRecord record = LogRecord.unsequenced(clock.millis(), topic(path), item);
    if (Vertx.currentContext() == context) {
      take(record); // already on the queue's context: a hop per event would only cost
    } else {
      context.runOnContext(v -> take(record));
    }
  }

  /**
   * The topic of an event path, one String per path rather than one per event: the records that
   * wait share it. Paths are those of the models' events, few; past the bound they are built anew.
   */
  private String topic(String path) {
    String topic = topics.get(path);
    if (topic == null) {
      topic = MqttTopics.of(dataAppId, path);
      if (topics.size() < MAX_TOPICS) {
        topics.put(path, topic);
      }
    }
    return topic;
  }

  private void take(LogRecord record) {
    int dropped = toAppend.add(record);
    if (dropped > 0) {
      stats.count(dataAppId, destinationKind, DROPPED_PENDING_FULL, dropped);
    }
    pending = toAppend.size();
    writeQueued();
  }

  /** The registration changed: what is queued, and the batch on its way, go to the new place. */
  void redirect(Destination replacement) {
    context.runOnContext(
        v -> {
          Destination old = destination;
          destination = replacement;
          old.close();
        });
  }

  /** Everything queued since the last write goes to disk as one group (one fsync). */
  private void writeQueued() {
    if (appending || toAppend.isEmpty() || closed) {
      return;
    }
    appending = true;
    List<LogRecord> group = toAppend.takeAll();
    pending = 0;
    log.compose(l -> worker.run(() -> l.append(group)))
        .onComplete(
            written -> {
              appending = false;
              if (written.succeeded()) {
                updated(written.result());
              } else {
                stats.count(dataAppId, destinationKind, DROPPED_LOG_FAILED, group.size());
                LOG.warn(
                    "Delivery log of data app {} could not take {} events: {}",
                    dataAppId,
                    group.size(),
                    written.cause().getMessage());
              }
              writeQueued();
              pump();
            });
  }

  /** Reads the next batch from the log when none is on its way. */
  private void pump() {
    if (closed || inFlight != null || reading || retryTimer >= 0 || !log.succeeded()) {
      return;
    }
    if (replayWanted) {
      rewind();
      return;
    }
    reading = true;
    worker
        .run(() -> log.result().read(maxBatch * PUBLICATIONS_PER_READ))
        .onComplete(
            read -> {
              reading = false;
              if (read.failed()) {
                LOG.warn("Delivery log of data app {} unreadable: {}", dataAppId, read.cause());
                return;
              }
              LogBatch batch = read.result();
              updated(batch.state());
              if (batch.records().isEmpty()) {
                if (batch.state().queued() > 0 && batch.acknowledgeUpTo() > sentUpTo) {
                  acknowledgeAfter(batch.acknowledgeUpTo(), Duration.ZERO); // expired skipped
                }
                if (replayWanted) {
                  pump(); // asked for while this read was on its way: nothing else would start it
                }
                return;
              }
              inFlight = batch;
              publications = byTopic(batch.records(), maxBatch);
              published = 0;
              send();
            });
  }

  /**
   * Order is kept per topic: a read's events of one topic go out in log order, at most {@code max}
   * to a publication, one publication after the other.
   */
  private static List<Publication> byTopic(List<LogRecord> records, int max) {
    Map<String, List<byte[]>> grouped = new LinkedHashMap<>();
    for (LogRecord record : records) {
      grouped.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record.item());
    }
    List<Publication> out = new ArrayList<>();
    grouped.forEach(
        (topic, items) -> {
          for (int from = 0; from < items.size(); from += max) {
            out.add(
                new Publication(topic, items.subList(from, Math.min(items.size(), from + max))));
          }
        });
    return out;
  }

  /** Sends the batch's publications not yet taken, one after the other. */
  private void send() {
    if (closed) {
      return;
    }
    Destination target = destination;
    if (published == publications.size()) {
      long again = inFlight.records().stream().filter(r -> r.sequence() < sentUpTo).count();
      stats.count(dataAppId, destinationKind, DELIVERED, inFlight.records().size() - again);
      if (again > 0) {
        stats.count(dataAppId, destinationKind, REPUBLISHED, again);
      }
      health.up();
      long upTo = inFlight.acknowledgeUpTo();
      sentUpTo = Math.max(sentUpTo, upTo);
      inFlight = null;
      acknowledgeAfter(upTo, target.replayHold());
      pump();
      return;
    }
    Publication next = publications.get(published);
    target
        .send(next.topic(), encoder.batch(next.items()))
        .onComplete(
            sent -> {
              if (sent.succeeded()) {
                stats.count(dataAppId, destinationKind, PUBLICATIONS, 1);
                published++;
                send();
              } else {
                retryLater(sent.cause());
              }
            });
  }

  private void retryLater(Throwable failure) {
    stats.count(dataAppId, destinationKind, RETRIES, 1);
    String why = failure.getMessage() == null ? "failed" : failure.getMessage();
    long pause = health.failed(Instant.now(clock), why);
    LOG.debug("Delivery to data app {} failed ({}), next try in {} ms", dataAppId, why, pause);
    retryTimer =
        context
            .owner()
            .setTimer(
                pause,
                t -> {
                  retryTimer = -1;
                  send();
                });
  }

  /**
   * Sends again, after the batch on its way, every event the log still holds (those within the
   * destination's replay hold). May be called on any thread.
   */
  void replayHeld() {
    context.runOnContext(
        v -> {
          replayWanted = true;
          pump();
        });
  }

  /** Puts the log's cursor back on its acknowledged offset; what was held is held anew. */
  private void rewind() {
    replayWanted = false;
    held.clear();
    reading = true;
    worker
        .run(() -> log.result().rewind())
        .onComplete(
            rewound -> {
              reading = false;
              if (rewound.succeeded()) {
                updated(rewound.result());
              }
              pump();
            });
  }

  /** Acknowledges {@code upTo} in the log once {@code hold} has passed (at once when none is). */
  private void acknowledgeAfter(long upTo, Duration hold) {
    if (hold.isZero() && held.isEmpty()) {
      acknowledge(upTo);
      return;
    }
    held.add(upTo, clock.millis() + hold.toMillis());
    acknowledgeDue();
  }

  private void acknowledgeDue() {
    long due = held.takeDue(clock.millis());
    if (due >= 0) {
      acknowledge(due);
    }
    long next = held.nextDueMillis();
    if (next >= 0 && holdTimer < 0 && !closed) {
      holdTimer =
          context
              .owner()
              .setTimer(
                  Math.max(1, next - clock.millis()),
                  t -> {
                    holdTimer = -1;
                    acknowledgeDue();
                  });
    }
  }

  private void acknowledge(long upTo) {
    log.compose(l -> worker.run(() -> l.acknowledge(upTo)))
        .onComplete(
            done -> {
              if (done.succeeded()) {
                updated(done.result());
              }
              pump();
            });
  }

  /** Takes the log's state, and counts what its bounds dropped since the last look. */
  private void updated(LogState now) {
    LogState before = state;
    long full = now.droppedQueueFull() - before.droppedQueueFull();
    long expired = now.droppedExpired() - before.droppedExpired();
    long evicted = now.evictedUnacknowledged() - before.evictedUnacknowledged();
    if (full > 0) {
      stats.count(dataAppId, destinationKind, DROPPED_QUEUE_FULL, full);
    }
    if (expired > 0) {
      stats.count(dataAppId, destinationKind, DROPPED_EXPIRED, expired);
    }
    if (evicted > 0) {
      stats.count(dataAppId, destinationKind, EVICTED_UNACKNOWLEDGED, evicted);
    }
    state = now;
  }

  /** The queue and its destination, for {@code GET /streaming}. */
  JsonObject json() {
    LogState now = state;
    JsonObject queue =
        new JsonObject()
            .put("queued", now.queued())
            .put("queuedBytes", now.bytes())
            .put("pendingWrite", pending);
    if (now.oldestQueuedMillis() >= 0) {
      Instant oldest = Instant.ofEpochMilli(now.oldestQueuedMillis());
      queue
          .put("oldestQueuedAt", oldest.toString())
          .put(
              "oldestQueuedAgeSeconds",
              Math.max(0, (clock.millis() - oldest.toEpochMilli()) / 1000));
    }
    return queue.put("destination", health.json());
  }

  /** Writes what is still in memory to the log, closes it and the destination. */
  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          if (retryTimer >= 0) {
            context.owner().cancelTimer(retryTimer);
          }
          if (holdTimer >= 0) {
            context.owner().cancelTimer(holdTimer);
          }
          List<LogRecord> rest = toAppend.takeAll();
          log.compose(
                  l ->
                      worker.run(
                          () -> {
                            if (!rest.isEmpty()) {
                              l.append(rest);
                            }
                            l.close();
                            return null;
                          }))
              .<Void>mapEmpty()
              .transform(ignored -> destination.close())
              .onComplete(done);
        });
    return done.future();
  }
}
