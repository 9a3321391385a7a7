package org.nipcgateway.scim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The pipeline's ordering, with commits the test completes by hand: creates are checked while
 * earlier ones are still being committed, seeing them; a check that fails then is run again once
 * they are committed; other writes wait until nothing is in flight.
 */
class WritePipelineTest {
  private final WritePipeline pipeline = new WritePipeline();

  private static StoredResource resource(String id) {
    Instant now = Instant.EPOCH;
    return new StoredResource(
        id,
        "Device",
        1,
        now,
        now,
        JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.objectNode());
  }

  /** A create of {@code id} whose commit completes when the test completes the promise. */
  private Future<String> create(String id, Promise<Void> commit, List<List<String>> checksSeen) {
    return pipeline.create(
        inFlight -> {
          checksSeen.add(inFlight.stream().map(StoredResource::id).toList());
          return Future.succeededFuture(resource(id));
        },
        created -> created,
        created -> commit.future().map(v -> created.id()));
  }

  @Test
  void a_create_is_checked_while_the_one_before_is_still_being_committed_and_sees_it() {
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    List<List<String>> seen = new ArrayList<>();

    Future<String> a = create("a", first, seen);
    Future<String> b = create("b", second, seen);

    assertThat(seen).containsExactly(List.of(), List.of("a"));
    assertThat(a.isComplete()).isFalse();
    first.complete();
    second.complete();
    assertThat(a.result()).isEqualTo("a");
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void a_check_that_fails_while_creates_are_in_flight_runs_again_once_they_are_committed() {
    Promise<Void> first = Promise.promise();
    create("a", first, new ArrayList<>());
    List<List<String>> seen = new ArrayList<>();

    Future<String> b =
        pipeline.create(
            inFlight -> {
              seen.add(inFlight.stream().map(StoredResource::id).toList());
              // As a uniqueness check would: "a" holds the value while it is in flight.
              return inFlight.isEmpty()
                  ? Future.succeededFuture(resource("b"))
                  : Future.failedFuture(new IllegalStateException("value taken by a"));
            },
            created -> created,
            created -> Future.succeededFuture(created.id()));

    assertThat(b.isComplete()).isFalse();
    first.fail(new IllegalStateException("a was never stored"));
    assertThat(seen).containsExactly(List.of("a"), List.of());
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void a_failed_commit_fails_its_own_create_only() {
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    Future<String> a = create("a", first, new ArrayList<>());
    Future<String> b = create("b", second, new ArrayList<>());

    first.fail(new IllegalStateException("disk full"));
    second.complete();

    assertThat(a.failed()).isTrue();
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void a_write_other_than_a_create_starts_only_once_no_create_is_in_flight() {
    Promise<Void> first = Promise.promise();
    create("a", first, new ArrayList<>());
    List<String> started = new ArrayList<>();

    Future<Void> alone =
        pipeline.alone(
            () -> {
              started.add("alone");
              return Future.succeededFuture();
            });

    assertThat(started).isEmpty();
    first.complete();
    assertThat(started).containsExactly("alone");
    assertThat(alone.succeeded()).isTrue();
  }

  @Test
  void creates_in_flight_are_bounded() {
    Promise<Void> held = Promise.promise();
    List<List<String>> seen = new ArrayList<>();
    for (int i = 0; i < WritePipeline.MAX_IN_FLIGHT; i++) {
      create("r" + i, held, seen);
    }

    Future<String> next = create("next", Promise.promise(), seen);

    assertThat(seen).hasSize(WritePipeline.MAX_IN_FLIGHT);
    held.complete();
    assertThat(seen).hasSize(WritePipeline.MAX_IN_FLIGHT + 1);
    assertThat(seen.get(seen.size() - 1)).isEmpty();
    assertThat(next.isComplete()).isFalse();
  }

  @Test
  void drained_waits_for_the_creates_in_flight() {
    Promise<Void> first = Promise.promise();
    create("a", first, new ArrayList<>());

    Future<Void> drained = pipeline.drained();

    assertThat(drained.isComplete()).isFalse();
    first.complete();
    assertThat(drained.succeeded()).isTrue();
  }
}
