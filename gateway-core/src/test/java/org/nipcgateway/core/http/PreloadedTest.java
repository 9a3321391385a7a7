package org.nipcgateway.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreloadedTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger reads = new AtomicInteger();
  private final Preloaded<String> document =
      new Preloaded<>(() -> "read " + reads.incrementAndGet());

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private String taken() throws Exception {
    return document.take(vertx).toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void a_started_read_is_the_one_taken_and_is_made_once() throws Exception {
    document.start(vertx);
    document.start(vertx);

    assertThat(taken()).isEqualTo("read 1");
    assertThat(reads).hasValue(1);
  }

  @Test
  void taking_without_a_start_reads_then_and_each_take_has_its_own_read() throws Exception {
    assertThat(taken()).isEqualTo("read 1");
    assertThat(taken()).as("a second gateway start reads again").isEqualTo("read 2");
  }

  @Test
  void a_read_left_by_a_start_on_another_vertx_is_made_again_on_this_one() throws Exception {
    Vertx failedStart = Vertx.vertx();
    document.start(failedStart);
    failedStart.close().toCompletionStage().toCompletableFuture().join();

    String taken = taken();
    assertThat(taken).as("the newest read, made on this Vert.x").isEqualTo("read " + reads.get());
  }
}
