package org.nipcgateway.core.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * What the gateway knows of one open HTTP connection: where from, whether a request on it showed
 * credentials or asked for {@code /health} ("trusted"), and the deadline for its next request head.
 * Changed only on the connection's own event loop, except {@link #close}, which Vert.x makes safe
 * from anywhere.
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

  /** Closes the connection unless a whole request head arrives within the time. */
  void awaitHead(long timeoutMs) {
    cancelHead();
    headTimer = vertx.setTimer(timeoutMs, id -> close());
  }

  /** A request head arrived: no deadline for the next one while requests are in flight. */
  void requestStarted() {
    waitingForFirstRequest = false;
    inFlight++;
    cancelHead();
  }

  /** A response ended (or the request failed): the next head is due within the time. */
  void requestEnded(long headTimeoutMs) {
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight == 0) {
      awaitHead(headTimeoutMs);
    }
  }

  void cancelHead() {
    if (headTimer >= 0) {
      vertx.cancelTimer(headTimer);
      headTimer = -1;
    }
  }

  void close() {
    connection.close();
  }
}
