package org.nipcgateway.core.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * What the gateway knows of one open HTTP connection: where from, whether a request on it showed
 * credentials or asked for {@code /health} ("trusted"), and the deadline for its next request head.
 * Changed only on the engine's context ({@link ConnectionLimit} hops there from the connection's
 * loop), except {@link #close}, which Vert.x makes safe from anywhere.
 */
final class OpenConnection {
  final HttpConnection connection;
  final String address;
  final boolean excess;
  private final Vertx vertx;
  private volatile boolean trusted;
  private volatile boolean waitingForFirstRequest = true;
  private int inFlight;
  private long headTimer = -1;
  private boolean headDue;
  private long idleSinceNanos;

  OpenConnection(Vertx vertx, HttpConnection connection, String address, boolean excess) {
    this.vertx = vertx;
    this.connection = connection;
    this.address = address;
    this.excess = excess;
  }

  boolean trusted() {
    return trusted;
  }

  void trust() {
    trusted = true;
  }

  boolean waitingForFirstRequest() {
    return waitingForFirstRequest;
  }

  /**
   * Closes the connection unless a whole request head arrives within the time. The timer is set
   * once and left running across requests: when it fires it closes the connection only if it has
   * been idle for the whole time, and otherwise waits out the rest. So a busy keep-alive connection
   * costs one timer per timeout period rather than a timer set and cancelled for every request.
   */
  void awaitHead(long timeoutMs) {
    headDue = true;
    idleSinceNanos = System.nanoTime();
    if (headTimer < 0) {
      arm(timeoutMs, timeoutMs);
    }
  }

  private void arm(long delayMs, long timeoutMs) {
    headTimer = vertx.setTimer(Math.max(1, delayMs), id -> headTimerFired(timeoutMs));
  }

  private void headTimerFired(long timeoutMs) {
    headTimer = -1;
    if (!headDue) {
      return;
    }
    long idleMs = (System.nanoTime() - idleSinceNanos) / 1_000_000;
    if (idleMs >= timeoutMs) {
      close();
    } else {
      arm(timeoutMs - idleMs, timeoutMs);
    }
  }

  /** A request head arrived: no deadline for the next one while requests are in flight. */
  void requestStarted() {
    waitingForFirstRequest = false;
    inFlight++;
    headDue = false;
  }

  /** A response ended (or the request failed): the next head is due within the time. */
  void requestEnded(long headTimeoutMs) {
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight == 0) {
      awaitHead(headTimeoutMs);
    }
  }

  void cancelHead() {
    headDue = false;
    if (headTimer >= 0) {
      vertx.cancelTimer(headTimer);
      headTimer = -1;
    }
  }

  void close() {
    connection.close();
  }
}
