package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutbox;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxContext;
import org.nipcgateway.core.nipc.extension.callback.CallbackSettings;
import org.nipcgateway.core.storage.OwnerOnly;
import org.nipcgateway.streaming.log.LogLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extension callbacks kept in the same kind of on-disk log as data-app events (one {@link
 * SegmentedEventLog}-backed {@link CallbackTarget} per receiver origin under {@code
 * dataDir/callbacks/}), on the same log worker: a callback is on disk (forced) before its operation
 * shows as finished, leaves only when the receiver took it (or refused it for good), is retried
 * with a doubling, capped wait while the receiver is down, in order per origin, and survives a
 * restart. A drained target's log is removed, so the directory holds only undelivered callbacks. At
 * most {@link #MAX_TARGETS} receivers may have callbacks waiting at once; a callback to yet another
 * one is refused (the operation finishes, the callback is counted as lost).
 *
 * <p>Threading: called on the gateway's event loop; the logs are touched only on the log worker.
 */
final class DurableCallbackOutbox implements CallbackOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(DurableCallbackOutbox.class);
  static final int MAX_TARGETS = 1000;

  private final Path root;
  private final LogWorker worker;
  private final CallbackRecords records;
  private final CallbackTarget.Dependencies shared;
  private final Map<String, Future<CallbackTarget>> targets = new TreeMap<>();
  private final Future<Void> restored;
  private CallbackTarget.Counts retired = new CallbackTarget.Counts(0, 0, 0, 0, 0);
  private long lost;
  private Future<Void> retiring = Future.succeededFuture();

  DurableCallbackOutbox(CallbackOutboxContext context) {
    this.root = context.directory();
    this.worker = new LogWorker(context.vertx());
    this.records = new CallbackRecords(context.secrets());
    CallbackSettings settings = context.settings();
    Promise<Void> ready = Promise.promise();
    this.shared =
        new CallbackTarget.Dependencies(
            context.vertx(),
            worker,
            context.poster(),
            records,
            settings.backoff(),
            // Forced to disk: callbacks are few, and each one stands for a finished operation.
            new LogLimits(settings.queueMaxBytes(), settings.queueMaxAge(), true),
            context.clock());
    this.restored = ready.future();
    restore().onComplete(ready);
  }

  /** Opens the targets a previous run left with callbacks waiting, and delivers them. */
  private Future<Void> restore() {
    return worker
        .run(this::leftOver)
        .compose(
            dirs -> {
              List<Future<CallbackTarget>> opened = new ArrayList<>();
              for (Path dir : dirs) {
                opened.add(
                    worker
                        .run(() -> CallbackTarget.originOf(dir))
                        .compose(origin -> open(origin, dir))
                        // Everything in it was delivered before the restart: it goes.
                        .onSuccess(
                            target -> {
                              if (!target.holdsCallbacks()) {
                                retire(target.origin());
                              }
                            }));
              }
              return Future.join(opened).otherwiseEmpty();
            })
        .onSuccess(v -> LOG.info("Callback outbox open at {} ({} target(s))", root, targets.size()))
        .onFailure(
            e -> LOG.warn("Callbacks left from before the restart not read: {}", e.getMessage()))
        .mapEmpty();
  }

  private List<Path> leftOver() throws IOException {
    OwnerOnly.createDirectories(root);
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve(CallbackTarget.TARGET_FILE))).toList();
    }
  }

  @Override
  public Future<Void> enqueue(Callback callback, JsonObject body) {
    byte[] item = records.encode(callback, body);
    return restored.transform(ignored -> append(callback.origin(), item, 3)).onFailure(e -> lost++);
  }

  /**
   * Appends to the target's log; a target drained and closed between the look-up and the append
   * (futures complete on a later turn of the event loop) makes way for a new one.
   */
  private Future<Void> append(String origin, byte[] item, int tries) {
    return target(origin)
        .compose(target -> target.append(item))
        .recover(
            e ->
                e instanceof CallbackTarget.Retired && tries > 1
                    ? append(origin, item, tries - 1)
                    : Future.failedFuture(e));
  }

  private Future<CallbackTarget> target(String origin) {
    Future<CallbackTarget> known = targets.get(origin);
    if (known != null) {
      return known;
    }
    if (targets.size() >= MAX_TARGETS) {
      return Future.failedFuture(
          "callbacks wait for " + MAX_TARGETS + " receivers already; " + origin + " not queued");
    }
    return open(origin, root.resolve(directoryName(origin)));
  }

  private Future<CallbackTarget> open(String origin, Path dir) {
    Promise<CallbackTarget> opening = Promise.promise();
    targets.put(origin, opening.future());
    worker
        .run(() -> CallbackTarget.open(origin, dir, shared, () -> retire(origin)))
        // A new target starts delivering with its first append; one left from before, now.
        .onSuccess(
            target -> {
              if (target.holdsCallbacks()) {
                target.deliverNext();
              }
            })
        .onFailure(
            e -> {
              targets.remove(origin);
              LOG.warn("Callback log of {} not opened: {}", origin, e.getMessage());
            })
        .onComplete(opening);
    return opening.future();
  }

  private void retire(String origin) {
    Future<CallbackTarget> known = targets.remove(origin);
    if (known != null && known.succeeded()) {
      retired = retired.plus(known.result().counts());
      Future<Void> removed = known.result().close(true);
      retiring = Future.join(retiring, removed).mapEmpty();
    }
  }

  /** A directory name from the origin: the origin itself may hold characters a file name cannot. */
  static String directoryName(String origin) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      // SHA-256 is one of the digests every Java platform must offer.
      throw new IllegalStateException(e);
    }
  }

  @Override
  public JsonObject state() {
    CallbackTarget.Counts totals = retired;
    JsonObject byTarget = new JsonObject();
    for (Future<CallbackTarget> target : targets.values()) {
      if (target.succeeded()) {
        totals = totals.plus(target.result().counts());
        byTarget.put(target.result().origin(), target.result().json());
      }
    }
    return new JsonObject()
        .put("durable", true)
        .put("delivered", totals.delivered())
        .put("refused", totals.refused())
        .put("droppedQueueFull", totals.droppedQueueFull())
        .put("droppedExpired", totals.droppedExpired())
        .put("droppedUnreadable", totals.unreadable())
        .put("lost", lost)
        .put("targets", byTarget);
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>(List.of(retiring));
    for (Future<CallbackTarget> target : targets.values()) {
      if (target.succeeded()) {
        closing.add(target.result().close(false));
      }
    }
    targets.clear();
    return Future.join(closing).transform(v -> worker.close());
  }
}
