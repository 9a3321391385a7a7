package org.nipcgateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination that refuses batches while it is down and otherwise keeps the device ids of the
 * events it took, in order; {@link #received(int)} completes when it has that many.
 */
final class FlakyDestination implements Destination {
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private volatile boolean down;
  private volatile java.time.Duration hold = java.time.Duration.ZERO;
  private final AtomicInteger refused = new AtomicInteger();
  private final List<Object[]> refusals = new CopyOnWriteArrayList<>();
  private final List<String> taken = new CopyOnWriteArrayList<>();
  private final List<Object[]> waiting = new CopyOnWriteArrayList<>();

  FlakyDestination down(boolean isDown) {
    this.down = isDown;
    return this;
  }

  /** Takes batches as the embedded broker does: kept in the log for {@code time} after. */
  FlakyDestination holding(java.time.Duration time) {
    this.hold = time;
    return this;
  }

  @Override
  public java.time.Duration replayHold() {
    return hold;
  }

  /** Completes once the destination has refused {@code count} batches. */
  CompletableFuture<Void> refusedAtLeast(int count) {
    CompletableFuture<Void> reached = new CompletableFuture<>();
    refusals.add(new Object[] {count, reached});
    checkRefusals();
    return reached;
  }

  private void checkRefusals() {
    for (Object[] waiting : refusals) {
      if (refused.get() >= (int) waiting[0]) {
        ((CompletableFuture<?>) waiting[1]).complete(null);
      }
    }
  }

  /** Completes once the destination took {@code count} events, with those it took by then. */
  CompletableFuture<List<String>> received(int count) {
    CompletableFuture<List<String>> enough = new CompletableFuture<>();
    waiting.add(new Object[] {count, enough});
    check();
    return enough;
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    if (down) {
      refused.incrementAndGet();
      checkRefusals();
      return Future.failedFuture("destination down");
    }
    try {
      for (JsonNode event : CBOR.readTree(batch)) {
        taken.add(event.path("deviceID").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    check();
    return Future.succeededFuture();
  }

  @SuppressWarnings("unchecked")
  private void check() {
    for (Object[] waiter : waiting) {
      if (taken.size() >= (int) waiter[0]) {
        ((CompletableFuture<List<String>>) waiter[1]).complete(List.copyOf(taken));
      }
    }
  }
}
