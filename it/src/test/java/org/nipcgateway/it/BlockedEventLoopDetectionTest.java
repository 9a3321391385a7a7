package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nipcgateway.it.support.BlockedThreadRecorder;

/** The guard the gateway tests rely on: a blocked event loop is noticed and recorded. */
class BlockedEventLoopDetectionTest {
  @Test
  void blocking_an_event_loop_is_recorded() throws Exception {
    int before = BlockedThreadRecorder.warnings().size();
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(50)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    try {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(
          v -> {
            // Deliberately hog the event loop (busy, so no sleeping thread is involved).
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            done.complete();
          });
      done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(BlockedThreadRecorder.warnings().size()).isGreaterThan(before);
      assertThat(BlockedThreadRecorder.warnings().get(before)).contains("has been blocked for");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
