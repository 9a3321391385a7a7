package org.nipcgateway.core.radio.contract;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls a radio the way the gateway does: on one event-loop context, and waits (on the test thread,
 * never on the loop) for the future to complete.
 */
public final class OnLoop {
  private final Context context;

  public OnLoop(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  public Context context() {
    return context;
  }

  /** The call's result; its failure is rethrown as it came (a RadioException for radios). */
  public <T> T await(Supplier<Future<T>> call) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            call.get()
                .onComplete(
                    r -> {
                      if (r.succeeded()) {
                        done.complete(r.result());
                      } else {
                        done.completeExceptionally(r.cause());
                      }
                    });
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    try {
      // Generous: a radio stack starting on a loaded 2-core CI machine is slow; no test is timed.
      return done.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the radio did not answer within 30 s", e);
    }
  }

  /** The failure of a call that must fail. */
  public Throwable failure(Supplier<Future<?>> call) {
    try {
      await(call::get);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded but should have failed");
  }
}
