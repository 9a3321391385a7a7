package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSequencerTest {
  @Test
  void a_task_starts_only_after_the_previous_one_completed() {
    TaskSequencer sequencer = new TaskSequencer();
    List<String> events = new ArrayList<>();
    Promise<String> first = Promise.promise();
    Future<String> a =
        sequencer.submit(
            () -> {
              events.add("start a");
              return first.future();
            });
    Future<String> b =
        sequencer.submit(
            () -> {
              events.add("start b");
              return Future.succeededFuture("b");
            });

    assertThat(events).containsExactly("start a");
    assertThat(b.isComplete()).isFalse();
    first.complete("a");
    assertThat(events).containsExactly("start a", "start b");
    assertThat(a.result()).isEqualTo("a");
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void a_failing_or_throwing_task_does_not_stop_the_ones_after_it() {
    TaskSequencer sequencer = new TaskSequencer();
    Future<String> failed =
        sequencer.submit(() -> Future.failedFuture(new IllegalStateException("no")));
    Future<String> threw =
        sequencer.submit(
            () -> {
              throw new IllegalArgumentException("boom");
            });
    Future<String> after = sequencer.submit(() -> Future.succeededFuture("ok"));
    assertThat(failed.failed()).isTrue();
    assertThat(threw.cause()).hasMessage("boom");
    assertThat(after.result()).isEqualTo("ok");
    assertThat(sequencer.drained().succeeded()).isTrue();
  }
}
