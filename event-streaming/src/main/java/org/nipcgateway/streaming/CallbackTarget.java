package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.nipcgateway.core.nipc.extension.callback.CallbackPoster;
import org.nipcgateway.core.nipc.link.Backoff;
import org.nipcgateway.streaming.log.LogBatch;
import org.nipcgateway.streaming.log.LogLimits;
import org.nipcgateway.streaming.log.LogRecord;
import org.nipcgateway.streaming.log.LogState;
import org.nipcgateway.streaming.log.SegmentedEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callbacks of one target (a receiver's origin) in their on-disk log, delivered one at a time
 * in the order they were queued: a callback leaves the log on a 2xx, or on the receiver's refusal
 * (a 4xx other than 408 and 429, counted); anything else is tried again after a doubling, capped
 * wait, until the callback is older than the log's age bound (dropped, counted). The log's own
 * bounds drop the oldest when it holds too much.
 *
 * <p>Threading: its methods are called on the outbox's event-loop context; the log is touched only
 * on the log worker.
 */
final class CallbackTarget {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackTarget.class);

  /** Names the target of a log directory, so that a restart knows where its callbacks go. */
  static final String TARGET_FILE = "target";

  private final String origin;
  private final Path dir;
  private final SegmentedEventLog log;
  private final LogWorker worker;
  private final Dependencies with;
  private final Runnable drained;
  private boolean sending;
  private boolean closed;
  private int appending;
  private long timer = -1;
  private LogState last = LogState.empty();
  private long delivered;
  private long refused;
  private long expiredInFlight;
  private long unreadable;
  private final DestinationHealth health;

  /** What every target shares. */
  record Dependencies(
      Vertx vertx,
      LogWorker worker,
      CallbackPoster poster,
      CallbackRecords records,
      Backoff backoff,
      LogLimits limits,
      Clock clock) {}

  private CallbackTarget(
      String origin, Path dir, SegmentedEventLog log, Dependencies with, Runnable drained) {
    this.origin = origin;
    this.drained = drained;
    this.dir = dir;
    this.log = log;
    this.worker = with.worker();
    this.with = with;
    this.health = new DestinationHealth(with.backoff()::delayMillis);
  }

  /**
   * Opens (or creates) the target's log; blocking, so on the log worker. {@code drained} is told
   * when the log holds nothing more (on the event loop).
   */
  static CallbackTarget open(String origin, Path dir, Dependencies with, Runnable drained)
      throws IOException {
    SegmentedEventLog log = SegmentedEventLog.open(dir, with.limits(), with.clock());
    Path target = dir.resolve(TARGET_FILE);
    if (!Files.exists(target)) {
      Files.writeString(target, origin, StandardCharsets.UTF_8);
    }
    CallbackTarget opened = new CallbackTarget(origin, dir, log, with, drained);
    opened.last = log.state();
    return opened;
  }

  /** Whether its log holds callbacks (one left from before a restart). */
  boolean holdsCallbacks() {
    return last.queued() > 0;
  }

  /** The origin a log directory delivers to; blocking. */
  static String originOf(Path dir) throws IOException {
    return Files.readString(dir.resolve(TARGET_FILE), StandardCharsets.UTF_8);
  }

  String origin() {
    return origin;
  }

  /** A target that was drained and closed takes no more; the outbox opens a new one. */
  static final class Retired extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Retired(String origin) {
      super("the callback log of " + origin + " was closed");
    }
  }

  /**
   * Appends the callback to the log (forced to disk); completes once it is there. Fails with {@link
   * Retired} when the target was closed in the meantime.
   */
  Future<Void> append(byte[] item) {
    if (closed) {
      return Future.failedFuture(new Retired(origin));
    }
    LogRecord record = LogRecord.unsequenced(with.clock().millis(), origin, item);
    appending++;
    return worker
        .run(() -> log.append(List.of(record)))
        .andThen(appended -> appending--)
        .map(
            state -> {
              last = state;
              deliverNext();
              return null;
            });
  }

  /** Starts delivering what the log holds, unless a delivery is on its way. */
  void deliverNext() {
    if (sending || closed) {
      return;
    }
    sending = true;
    worker
        .run(() -> log.read(1))
        .onSuccess(this::deliver)
        .onFailure(
            e -> pauseAfter("the log could not be read: " + e.getMessage(), this::retryRead));
  }

  private void retryRead() {
    sending = false;
    deliverNext();
  }

  private void deliver(LogBatch batch) {
    last = batch.state();
    if (batch.records().isEmpty()) {
      sending = false;
      // An append on its way is not in this read: the target stays until it is delivered.
      if (last.queued() == 0 && appending == 0 && !closed) {
        drained.run();
      }
      return;
    }
    attempt(batch.records().get(0), batch.acknowledgeUpTo());
  }

  private void attempt(LogRecord record, long acknowledgeUpTo) {
    if (closed) {
      return;
    }
    if (record.queuedAtMillis() < with.clock().millis() - with.limits().maxAge().toMillis()) {
      expiredInFlight++;
      LOG.info("Callback to {} dropped: not delivered within the age bound", origin);
      acknowledge(acknowledgeUpTo);
      return;
    }
    CallbackRecords.Queued queued;
    try {
      queued = with.records().decode(record.item());
    } catch (RuntimeException e) {
      unreadable++;
      LOG.warn("Callback to {} dropped: its record cannot be read ({})", origin, e.getMessage());
      acknowledge(acknowledgeUpTo);
      return;
    }
    with.poster()
        .post(queued.callback(), Buffer.buffer(queued.body().encode()))
        .onComplete(
            answer -> {
              if (closed) {
                return;
              }
              if (answer.succeeded() && CallbackPoster.delivered(answer.result())) {
                up();
                delivered++;
                acknowledge(acknowledgeUpTo);
              } else if (answer.succeeded() && !CallbackPoster.retried(answer.result())) {
                up();
                refused++;
                LOG.warn("Callback to {} refused with {}", origin, answer.result());
                acknowledge(acknowledgeUpTo);
              } else {
                String why =
                    answer.succeeded()
                        ? "answered " + answer.result()
                        : String.valueOf(answer.cause().getMessage());
                pauseAfter(why, () -> attempt(record, acknowledgeUpTo));
              }
            });
  }

  private void acknowledge(long upTo) {
    worker
        .run(() -> log.acknowledge(upTo))
        .onSuccess(
            state -> {
              last = state;
              sending = false;
              deliverNext();
            })
        .onFailure(
            e ->
                pauseAfter(
                    "the log could not be acknowledged: " + e.getMessage(),
                    () -> acknowledge(upTo)));
  }

  private void up() {
    if (health.down()) {
      LOG.info("Callback receiver {} takes callbacks again", origin);
    }
    health.up();
  }

  private void pauseAfter(String why, Runnable again) {
    if (!health.down()) {
      LOG.info("Callback receiver {} does not take callbacks ({}); retrying", origin, why);
    }
    long pause = health.failed(with.clock().instant(), why);
    timer =
        with.vertx()
            .setTimer(
                pause,
                t -> {
                  timer = -1;
                  again.run();
                });
  }

  /** Counters kept across the target's life, for the outbox's totals. */
  record Counts(
      long delivered, long refused, long droppedQueueFull, long droppedExpired, long unreadable) {
    Counts plus(Counts other) {
      return new Counts(
          delivered + other.delivered,
          refused + other.refused,
          droppedQueueFull + other.droppedQueueFull,
          droppedExpired + other.droppedExpired,
          unreadable + other.unreadable);
    }
  }

  Counts counts() {
    return new Counts(
        delivered,
        refused,
        last.droppedQueueFull(),
        last.droppedExpired() + expiredInFlight,
        unreadable);
  }

  JsonObject json() {
    JsonObject state =
        new JsonObject()
            .put("queued", last.queued())
            .put("bytes", last.bytes())
            .put("delivered", delivered)
            .put("refused", refused)
            .put("droppedQueueFull", last.droppedQueueFull())
            .put("droppedExpired", last.droppedExpired() + expiredInFlight)
            .mergeIn(health.json());
    if (last.oldestQueuedMillis() >= 0) {
      state.put("oldestQueued", Instant.ofEpochMilli(last.oldestQueuedMillis()).toString());
    }
    return state;
  }

  /** Stops delivering and closes the log; {@code remove} deletes it too (it was drained). */
  Future<Void> close(boolean remove) {
    closed = true;
    if (timer >= 0) {
      with.vertx().cancelTimer(timer);
    }
    return worker.run(
        () -> {
          log.close();
          if (remove) {
            DeliveryLogs.remove(dir);
          }
          return null;
        });
  }
}
