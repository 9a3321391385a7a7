package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.OnLoop;

/**
 * The adapter's connection slots ({@code maxConnections}) and the queue of connects beyond them
 * ({@code connectQueue}): a connect waits until a link closes, fails at once when the queue is
 * full, fails as a time-out when no slot comes free within the connect time-out, and the counts are
 * what the driver shows in health reports.
 */
class BluezConnectionSlotsTest {
  private static final BleAddress A = BleAddress.parse("C0:FF:EE:00:00:0A");
  private static final BleAddress B = BleAddress.parse("C0:FF:EE:00:00:0B");
  private static final BleAddress C = BleAddress.parse("C0:FF:EE:00:00:0C");
  private static final long CONNECT_TIMEOUT_MS = 1500;

  private Vertx vertx;
  private OnLoop loop;
  private BluezBleFixture fixture;
  private BleRadio radio;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    fixture =
        new BluezBleFixture(
            new JsonObject()
                .put("maxConnections", 1)
                .put("connectQueue", 1)
                .put("connectTimeoutMs", CONNECT_TIMEOUT_MS));
    List<BlePeripheral> peripherals =
        List.of(A, B, C).stream()
            .map(
                a ->
                    BlePeripheral.at(a.toString())
                        .characteristic("180F", "2A19", new byte[] {100}, "read"))
            .toList();
    // The look-alike's adapter has room for more: the driver's own limit is what is tested.
    radio = loop.await(() -> fixture.start(vertx, peripherals, 5));
  }

  @AfterEach
  void stop() {
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void a_connect_beyond_the_limit_waits_and_connects_once_the_open_link_closes() throws Exception {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(A)));
    CompletableFuture<Void> second = connectLater(B);

    awaitSlots(1, 1);
    assertThat(second).isNotDone();
    assertThat(fixture.lookalike().slotsInUse()).isEqualTo(1);

    loop.await(() -> radio.disconnect(A));

    second.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(fixture.lookalike().slotsInUse()).isEqualTo(1);
    assertThat(slots()).containsEntry("inUse", 1).containsEntry("waiting", 0);
  }

  @Test
  void a_peripheral_dropping_its_link_gives_its_slot_to_the_waiting_connect() throws Exception {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(A)));
    CompletableFuture<Void> second = connectLater(B);
    awaitSlots(1, 1);

    fixture.lookalike().dropLink(A);

    second.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(slots()).containsEntry("inUse", 1).containsEntry("waiting", 0);
  }

  @Test
  void a_full_queue_refuses_at_once_and_a_connect_left_waiting_times_out() throws Exception {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(A)));
    CompletableFuture<Void> second = connectLater(B);
    awaitSlots(1, 1);

    Throwable refused = loop.failure(() -> radio.connect(BleConnectRequest.unpaired(C)));
    assertThat(reason(refused)).isEqualTo(RadioException.Reason.CONNECTION_FAILED);
    assertThat(refused.getMessage()).contains("no free connection slot").contains("waiting");

    Throwable waited =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> second.get(CONNECT_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS));
    assertThat(reason(waited.getCause())).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(slots())
        .containsEntry("inUse", 1)
        .containsEntry("waiting", 0)
        .containsEntry("refusedQueueFull", 1L)
        .containsEntry("timedOutWaiting", 1L);
    assertThat(fixture.lookalike().slotsInUse()).isEqualTo(1);
  }

  /** Starts a connect on the event loop without waiting for it. */
  private CompletableFuture<Void> connectLater(BleAddress device) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.context()
        .runOnContext(
            v ->
                radio
                    .connect(BleConnectRequest.unpaired(device))
                    .onSuccess(x -> done.complete(null))
                    .onFailure(done::completeExceptionally));
    return done;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> slots() {
    Promise<Map<String, Object>> details = Promise.promise();
    loop.context().runOnContext(v -> details.complete(fixture.driver().details()));
    Map<String, Object> all = details.future().toCompletionStage().toCompletableFuture().join();
    return (Map<String, Object>) all.get("connectionSlots");
  }

  private void awaitSlots(int inUse, int waiting) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(slots().get("inUse").equals(inUse) && slots().get("waiting").equals(waiting))) {
      assertThat(System.nanoTime()).as("slots %s", slots()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static RadioException.Reason reason(Throwable failure) {
    assertThat(failure).isInstanceOf(RadioException.class);
    return ((RadioException) failure).reason();
  }
}
