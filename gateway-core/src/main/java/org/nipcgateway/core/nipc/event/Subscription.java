package org.nipcgateway.core.nipc.event;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.nipcgateway.core.nipc.link.BackgroundRetry;
import org.nipcgateway.core.nipc.link.Backoff;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.radio.RadioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's event as the radio serves it, shared by every instance and trigger that holds it.
 * When its radio goes down, what the radio side held is forgotten; when the radio is up again, it
 * is started anew in the background, with backoff, until it succeeds or the last holder lets go.
 * Its state is what the event status APIs show.
 */
final class Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

  private enum Phase {
    STARTING,
    ACTIVE,
    RE_ESTABLISHING,
    FAILED
  }

  private final String subject;
  private final EventSource source;
  private final String namespacedPath;
  private final Supplier<Future<EventSource.Started>> starter;
  private final Vertx vertx;
  private final Future<EventSource.Started> started;
  private int users;
  private Phase phase = Phase.STARTING;
  private String problem = "";
  private EventSource.Started running;
  private BackgroundRetry retry;
  private int generation;
  private boolean closed;

  /**
   * Starts the radio side now ({@code restored} false: the first holders wait for it), or, for a
   * subscription restored after a restart, in the background as after a radio outage: holders get
   * it at once, in the {@code re-establishing} state.
   */
  Subscription(
      String subject,
      EventSource source,
      String namespacedPath,
      Supplier<Future<EventSource.Started>> starter,
      Vertx vertx,
      boolean restored) {
    this.subject = subject;
    this.source = source;
    this.namespacedPath = namespacedPath;
    this.starter = starter;
    this.vertx = vertx;
    if (restored) {
      this.started = Future.succeededFuture(EventSource.Started.NOTHING);
      this.phase = Phase.RE_ESTABLISHING;
      radioBack();
    } else {
      this.started = starter.get();
      int startedIn = generation;
      started.onSuccess(handle -> adopt(handle, startedIn));
    }
  }

  EventSource source() {
    return source;
  }

  String namespacedPath() {
    return namespacedPath;
  }

  /** The first start, which the first holders wait for. */
  Future<EventSource.Started> started() {
    return started;
  }

  /** Whether radio signals that match are this subscription's events. */
  boolean delivering() {
    return started.succeeded();
  }

  synchronized void addUser() {
    users++;
  }

  /** One holder fewer; true when it was the last. */
  synchronized boolean removeUser() {
    users--;
    return users <= 0;
  }

  /** {@code active}, {@code re-establishing}, or {@code failed: <problem>}. */
  synchronized String state() {
    return switch (phase) {
      case ACTIVE -> "active";
      case STARTING, RE_ESTABLISHING -> "re-establishing";
      case FAILED -> "failed: " + problem;
    };
  }

  /** Its radio went down: what the radio held is gone, so is what the gateway held for it. */
  synchronized void radioLost() {
    if (closed || started.failed()) {
      return;
    }
    generation++;
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
    if (running != null) {
      running.forget();
      running = null;
    }
    phase = Phase.RE_ESTABLISHING;
  }

  /** Its radio is up again: start over in the background until it holds. */
  synchronized void radioBack() {
    if (closed || retry != null || (phase != Phase.RE_ESTABLISHING && phase != Phase.FAILED)) {
      return;
    }
    int attemptIn = generation;
    retry =
        BackgroundRetry.start(
            vertx,
            Backoff.RADIO,
            () -> starter.get().onSuccess(handle -> adopt(handle, attemptIn)),
            this::attemptFailed);
  }

  /**
   * The link its radio side needs dropped (the peripheral reset or went out of range) while the
   * radio stayed up: what it held on the link is gone, so it is started again in the background,
   * reconnecting with backoff, as after a radio outage.
   */
  synchronized void linkLost() {
    if (closed || !started.succeeded() || phase != Phase.ACTIVE) {
      return;
    }
    LOG.info("{}: the link dropped, re-establishing", subject);
    radioLost();
    radioBack();
  }

  /** The peripheral is connected again: a retry waiting out its backoff is made now. */
  void linkBack() {
    BackgroundRetry waiting;
    synchronized (this) {
      waiting = retry;
    }
    if (waiting != null) {
      waiting.now();
    }
  }

  /** The last holder let go: turn the radio side off and stop re-establishing. */
  synchronized void close() {
    closed = true;
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
    if (running != null) {
      running.stop();
      running = null;
    }
  }

  private synchronized void adopt(EventSource.Started handle, int startedIn) {
    if (closed) {
      handle.stop();
    } else if (startedIn != generation) {
      // The radio went down while this start was under way; a later one takes over.
      handle.forget();
    } else {
      if (phase != Phase.STARTING) {
        LOG.info("{} re-established", subject);
      }
      running = handle;
      phase = Phase.ACTIVE;
      retry = null;
    }
  }

  private synchronized void attemptFailed(Throwable failure) {
    if (closed) {
      return;
    }
    if (phase != Phase.FAILED) {
      LOG.warn("{} could not be re-established yet, retrying: {}", subject, failure.getMessage());
    }
    phase = Phase.FAILED;
    problem = describe(failure);
  }

  private String describe(Throwable failure) {
    if (failure instanceof RadioException radio) {
      return (source.ble()
              ? RadioProblems.ble(radio, subject)
              : RadioProblems.zigbee(radio, subject, null))
          .getMessage();
    }
    return failure.getMessage();
  }
}
