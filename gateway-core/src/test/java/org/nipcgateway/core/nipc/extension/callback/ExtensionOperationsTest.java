package org.nipcgateway.core.nipc.extension.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.nipc.problem.ProblemTypes;

class ExtensionOperationsTest {
  private static final String DEVICE = "1d3b2c36-8a65-45a6-87c1-bcdbe0a32e30";
  private static final String KIND = "properties/read/conditional";
  private static final String NAME = "https://example.com/t#/sdfObject/t/sdfProperty/p";
  private static final Callback CALLBACK =
      new Callback(URI.create("https://apps.example/r"), Map.of("x-api-key", "k"));

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /**
   * Records what is put in the outbox; keeps it when told to (a disk that has not answered yet).
   */
  private static final class RecordingOutbox implements CallbackOutbox {
    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    Promise<Void> kept = Promise.promise();

    {
      kept.complete();
    }

    @Override
    public Future<Void> enqueue(Callback callback, JsonObject body) {
      sent.add(body);
      return kept.future();
    }

    @Override
    public JsonObject state() {
      return new JsonObject();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private final HandClock clock = new HandClock();
  private final RecordingOutbox sender = new RecordingOutbox();

  private ExtensionOperations operations(int max) {
    return new ExtensionOperations(
        clock, Duration.ofMinutes(10), max, sender, new ProblemDocuments(ProblemTypes.load()));
  }

  @Test
  void a_completed_operation_keeps_its_result_and_calls_back_with_device_and_instance() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.of(CALLBACK));
    assertThat(operation.finished()).isFalse();

    operations.complete(operation, new JsonObject().put("property", NAME).put("value", "AQ=="));

    assertThat(operation.finished()).isTrue();
    assertThat(operation.result().orElseThrow().getString("value")).isEqualTo("AQ==");
    assertThat(sender.sent).hasSize(1);
    assertThat(sender.sent.get(0).getMap())
        .containsEntry("id", DEVICE)
        .containsEntry("instanceId", operation.instanceId())
        .containsEntry("property", NAME)
        .containsEntry("value", "AQ==");
  }

  @Test
  void an_operation_whose_yaml_shows_the_instance_calls_back_with_the_instance_as_id() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation =
        operations.start(
            DEVICE, "events/conditional", NAME, Optional.of(CALLBACK), BodyId.INSTANCE);

    operations.complete(operation, new JsonObject().put("event", NAME).put("value", "AQ=="));

    assertThat(operation.bodyId()).isEqualTo(operation.instanceId());
    assertThat(sender.sent.get(0).getMap())
        .containsEntry("id", operation.instanceId())
        .containsEntry("instanceId", operation.instanceId());
  }

  @Test
  void a_failed_operation_calls_back_with_its_problem_document_and_context() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.of(CALLBACK));

    operations.fail(
        operation,
        NipcException.of(NipcProblem.PROPERTY_READ_FAILED, "no answer"),
        new JsonObject().put("property", NAME));

    assertThat(operation.problem()).isPresent();
    JsonObject callback = sender.sent.get(0);
    assertThat(callback.getString("type"))
        .isEqualTo("https://www.iana.org/assignments/nipc-problem-types#property-read-failed");
    assertThat(callback.getInteger("status")).isEqualTo(502);
    assertThat(callback.getString("property")).isEqualTo(NAME);
  }

  @Test
  void an_operation_shows_as_finished_only_once_the_outbox_kept_its_callback() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.of(CALLBACK));
    sender.kept = Promise.promise();

    operations.complete(operation, new JsonObject().put("value", "AQ=="));
    operations.fail(operation, NipcException.generic(504, "late"), new JsonObject());

    assertThat(sender.sent).hasSize(1);
    assertThat(operation.finished()).isFalse();
    sender.kept.complete();
    assertThat(operation.finished()).isTrue();
    assertThat(operation.result().orElseThrow().getString("value")).isEqualTo("AQ==");
  }

  @Test
  void an_operation_whose_callback_could_not_be_kept_still_finishes() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.of(CALLBACK));
    sender.kept = Promise.promise();

    operations.complete(operation, new JsonObject().put("value", "AQ=="));
    sender.kept.fail("disk full");

    assertThat(operation.finished()).isTrue();
  }

  @Test
  void an_operation_finishes_once_and_calls_back_once() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.of(CALLBACK));

    operations.complete(operation, new JsonObject().put("value", "AQ=="));
    operations.fail(operation, NipcException.generic(504, "late"), new JsonObject());

    assertThat(operation.problem()).isEmpty();
    assertThat(sender.sent).hasSize(1);
  }

  @Test
  void without_a_callback_nothing_is_sent() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation operation = operations.start(DEVICE, KIND, NAME, Optional.empty());

    operations.complete(operation, new JsonObject());

    assertThat(sender.sent).isEmpty();
  }

  @Test
  void an_operation_is_found_only_by_its_device_kind_name_and_id() {
    ExtensionOperations operations = operations(10);
    String id = operations.start(DEVICE, KIND, NAME, Optional.empty()).instanceId();

    assertThat(operations.find(DEVICE, KIND, NAME, id)).isPresent();
    assertThat(operations.find("other", KIND, NAME, id)).isEmpty();
    assertThat(operations.find(DEVICE, "events/conditional", NAME, id)).isEmpty();
    assertThat(operations.find(DEVICE, KIND, NAME + "x", id)).isEmpty();
    assertThat(operations.find(DEVICE, KIND, NAME, "unknown")).isEmpty();
  }

  @Test
  void finished_operations_expire_and_running_ones_stay() {
    ExtensionOperations operations = operations(10);
    ExtensionOperation finished = operations.start(DEVICE, KIND, NAME, Optional.empty());
    ExtensionOperation running = operations.start(DEVICE, KIND, NAME, Optional.empty());
    operations.complete(finished, new JsonObject());

    clock.advance(Duration.ofMinutes(11));

    assertThat(operations.find(DEVICE, KIND, NAME, finished.instanceId())).isEmpty();
    assertThat(operations.find(DEVICE, KIND, NAME, running.instanceId())).isPresent();
  }

  @Test
  void at_the_limit_finished_operations_make_room_and_running_ones_refuse_new_ones() {
    ExtensionOperations operations = operations(2);
    ExtensionOperation first = operations.start(DEVICE, KIND, NAME, Optional.empty());
    operations.start(DEVICE, KIND, NAME, Optional.empty());
    operations.complete(first, new JsonObject());

    operations.start(DEVICE, KIND, NAME, Optional.empty());
    assertThat(operations.size()).isEqualTo(2);

    assertThatThrownBy(() -> operations.start(DEVICE, KIND, NAME, Optional.empty()))
        .isInstanceOfSatisfying(
            NipcException.class, e -> assertThat(e.genericStatus()).isEqualTo(503));
  }

  @Test
  void operations_of_deleted_devices_are_forgotten() {
    ExtensionOperations operations = operations(10);
    String id = operations.start(DEVICE, KIND, NAME, Optional.empty()).instanceId();

    operations.forget(Set.of(DEVICE));

    assertThat(operations.find(DEVICE, KIND, NAME, id)).isEmpty();
  }
}
