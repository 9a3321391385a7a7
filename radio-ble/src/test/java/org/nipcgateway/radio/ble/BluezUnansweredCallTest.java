package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.simulators.bluez.LookalikeFaults;

/**
 * A call bluetoothd never answers (the look-alike's {@code timeout} fault, which holds its answer
 * far longer than dbus-java's own 20 s reply wait): the caller fails at the driver's deadline, and
 * neither the device's queue nor a driver thread stays behind it.
 */
class BluezUnansweredCallTest {
  private static final BleAddress A = BleAddress.parse("C0:FF:EE:00:00:0A");
  private static final BleAddress B = BleAddress.parse("C0:FF:EE:00:00:0B");
  private static final BleAddress C = BleAddress.parse("C0:FF:EE:00:00:0C");
  private static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");
  private static final long OPERATION_TIMEOUT_MS = 500;
  private static final long CONNECT_TIMEOUT_MS = 1_000;

  /** Far below dbus-java's 20 s: a call answered within this did not wait for dbus-java. */
  private static final long PROMPTLY_MS = 5_000;

  private Vertx vertx;
  private OnLoop loop;
  private BluezBleFixture fixture;
  private BleRadio radio;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    // Two threads: two unanswered calls hold the whole pool until their deadline.
    fixture =
        new BluezBleFixture(
            new JsonObject()
                .put("threads", 2)
                .put("operationTimeoutMs", OPERATION_TIMEOUT_MS)
                .put("connectTimeoutMs", CONNECT_TIMEOUT_MS));
    List<BlePeripheral> peripherals =
        List.of(A, B, C).stream()
            .map(
                a ->
                    BlePeripheral.at(a.toString())
                        .characteristic("180F", "2A19", new byte[] {100}, "read"))
            .toList();
    radio = loop.await(() -> fixture.start(vertx, peripherals, 3));
    for (BleAddress device : List.of(A, B, C)) {
      loop.await(() -> radio.connect(BleConnectRequest.unpaired(device)));
    }
  }

  @AfterEach
  void stop() {
    faults().clear(); // lets the look-alike's held calls go, so that it closes at once
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void an_unanswered_read_fails_at_the_deadline_and_the_next_read_of_that_device_answers_at_once()
      throws Exception {
    faults().plan("read", Optional.of(A), LookalikeFaults.Kind.TIMEOUT, 1);
    CompletableFuture<DeviceAnswer<byte[]>> stuck = readLater(A);
    awaitHanging(1);

    assertThat(loop.await(() -> radio.read(C, LEVEL)).value())
        .as("another device answers meanwhile")
        .containsExactly(100);
    assertThat(reason(stuck)).isEqualTo(RadioException.Reason.TIMEOUT);

    fixture.change(A, LEVEL, new byte[] {42});
    long asked = System.nanoTime();
    assertThat(loop.await(() -> radio.read(A, LEVEL)).value()).containsExactly(42);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(PROMPTLY_MS);
  }

  @Test
  void unanswered_reads_give_their_driver_threads_back_at_the_deadline() throws Exception {
    faults().plan("read", Optional.of(A), LookalikeFaults.Kind.TIMEOUT, 1);
    faults().plan("read", Optional.of(B), LookalikeFaults.Kind.TIMEOUT, 1);
    CompletableFuture<DeviceAnswer<byte[]>> first = readLater(A);
    CompletableFuture<DeviceAnswer<byte[]>> second = readLater(B);
    awaitHanging(2);
    assertThat(reason(first)).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(reason(second)).isEqualTo(RadioException.Reason.TIMEOUT);

    long asked = System.nanoTime();
    assertThat(loop.await(() -> radio.read(C, LEVEL)).value()).containsExactly(100);
    assertThat(loop.await(() -> radio.read(B, LEVEL)).value()).containsExactly(100);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(PROMPTLY_MS);
  }

  @Test
  void an_unanswered_connect_fails_at_the_deadline_and_the_next_connect_of_that_device_succeeds()
      throws Exception {
    loop.await(() -> radio.disconnect(A));
    faults().plan("connect", Optional.of(A), LookalikeFaults.Kind.TIMEOUT, 1);
    Throwable failure = loop.failure(() -> radio.connect(BleConnectRequest.unpaired(A)));
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(faults().waiting()).as("bluetoothd still holds the first connect").isEqualTo(1);

    long asked = System.nanoTime();
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(A)));
    assertThat(loop.await(() -> radio.read(A, LEVEL)).value()).containsExactly(100);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(PROMPTLY_MS);
  }

  @Test
  void the_late_answer_to_a_read_given_up_completes_no_later_read() throws Exception {
    faults().timeoutAfter(1_500); // the look-alike answers (an error) after the deadline
    faults().plan("read", Optional.of(A), LookalikeFaults.Kind.TIMEOUT, 1);
    CompletableFuture<DeviceAnswer<byte[]>> stuck = readLater(A);
    awaitHanging(1);
    assertThat(reason(stuck)).isEqualTo(RadioException.Reason.TIMEOUT);

    // Reads while the late answer arrives and after it: each gets its own answer.
    int value = 1;
    while (faults().waiting() > 0) {
      value = value % 100 + 1;
      read(A, value);
    }
    read(A, value % 100 + 1);
  }

  private void read(BleAddress device, int value) {
    fixture.change(device, LEVEL, new byte[] {(byte) value});
    assertThat(loop.await(() -> radio.read(device, LEVEL)).value()).containsExactly(value);
  }

  private LookalikeFaults faults() {
    return fixture.lookalike().faults();
  }

  private CompletableFuture<DeviceAnswer<byte[]>> readLater(BleAddress device) {
    CompletableFuture<DeviceAnswer<byte[]>> done = new CompletableFuture<>();
    loop.context()
        .runOnContext(
            v ->
                radio
                    .read(device, LEVEL)
                    .onSuccess(done::complete)
                    .onFailure(done::completeExceptionally));
    return done;
  }

  /** Waits until the look-alike holds this many calls unanswered. */
  private void awaitHanging(int calls) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (faults().waiting() < calls) {
      assertThat(System.nanoTime()).as("calls held by the look-alike").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static RadioException.Reason reason(CompletableFuture<?> call) throws Exception {
    try {
      call.get(PROMPTLY_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(RadioException.class);
      return ((RadioException) e.getCause()).reason();
    }
    throw new AssertionError("the call succeeded but should have failed");
  }
}
