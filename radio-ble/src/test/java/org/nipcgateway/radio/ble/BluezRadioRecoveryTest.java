package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radio.contract.Recorded;

/**
 * What the bluez driver does when BlueZ's adapter leaves and returns, is powered off, or a
 * peripheral drops its link: the radio goes down at once (waiting calls fail, links are reported
 * closed) and comes back up by itself.
 */
class BluezRadioRecoveryTest {
  private static final BleAddress SENSOR = BleAddress.parse("C0:FF:EE:00:00:01");
  private static final BleAddress LOCK = BleAddress.parse("C0:FF:EE:00:00:02");
  private static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");

  private final Recorded<Object> heard = new Recorded<>();
  private Vertx vertx;
  private OnLoop loop;
  private BluezBleFixture fixture;
  private BleRadio radio;

  record State(RadioState state) {}

  record Connection(BleAddress device, boolean connected) {}

  record Notified(BleAddress device, int value) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    fixture = new BluezBleFixture();
    radio =
        loop.await(
            () ->
                fixture.start(
                    vertx,
                    List.of(
                        BlePeripheral.at(SENSOR.toString())
                            .characteristic("180F", "2A19", new byte[] {100}, "read", "notify"),
                        BlePeripheral.at(LOCK.toString())
                            .pairing(BleBonding.PASSKEY)
                            .passkey(123456)
                            .characteristic("180F", "2A19", new byte[] {7}, "read")),
                    2));
    loop.await(
        () -> {
          radio.listen(
              new BleListener() {
                @Override
                public void connectionChanged(BleLink link, boolean connected) {
                  heard.add(new Connection(link.address(), connected));
                }

                @Override
                public void stateChanged(RadioState state) {
                  heard.add(new State(state));
                }

                @Override
                public void notification(
                    BleAddress device,
                    GattCharacteristic characteristic,
                    byte[] value,
                    boolean indication) {
                  heard.add(new Notified(device, value[0]));
                }
              });
          return Future.succeededFuture();
        });
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
  }

  @AfterEach
  void stop() {
    assertThat(heard.offLoop()).isEmpty();
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static RadioException.Reason reason(Throwable failure) {
    assertThat(failure).isInstanceOf(RadioException.class);
    return ((RadioException) failure).reason();
  }

  @Test
  void an_adapter_removed_mid_read_fails_the_read_at_once_and_the_radio_returns_with_it()
      throws Exception {
    fixture.lookalike().faults().latency("read", 3000);
    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<Throwable> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> loop.failure(() -> radio.read(SENSOR, LEVEL)));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fixture.lookalike().faults().waiting() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // until the read is held inside the look-alike
    }
    fixture.lookalike().removeAdapter();

    assertThat(reason(read.get())).isEqualTo(RadioException.Reason.RADIO_DOWN);
    assertThat(System.nanoTime() - start).isLessThan(2_500_000_000L);
    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    heard.next(e -> e.equals(new State(RadioState.DOWN)));
    assertThat(radio.state()).isEqualTo(RadioState.DOWN);
    assertThat(reason(loop.failure(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)))))
        .isEqualTo(RadioException.Reason.RADIO_DOWN);

    fixture.lookalike().faults().clear();
    fixture.lookalike().returnAdapter();

    heard.next(e -> e.equals(new State(RadioState.RECOVERING)));
    heard.next(e -> e.equals(new State(RadioState.UP)));
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(loop.await(() -> radio.read(SENSOR, LEVEL)).value()).containsExactly(100);
  }

  @Test
  void a_powered_off_adapter_is_down_until_the_driver_has_powered_it_on_again() {
    fixture.lookalike().powerOff();

    heard.next(e -> e.equals(new State(RadioState.DOWN)));
    heard.next(e -> e.equals(new State(RadioState.UP)));
    assertThat(fixture.lookalike().powered()).isTrue();
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
  }

  @Test
  void a_peripheral_dropping_the_link_is_reported_as_a_closed_connection() {
    heard.next(e -> e.equals(new Connection(SENSOR, true)));

    fixture.lookalike().dropLink(SENSOR);

    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    assertThat(reason(loop.failure(() -> radio.read(SENSOR, LEVEL))))
        .isEqualTo(RadioException.Reason.CONNECTION_FAILED);
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(loop.await(() -> radio.read(SENSOR, LEVEL)).value()).containsExactly(100);
  }

  @Test
  void bluetoothd_stopping_takes_the_radio_down_and_its_return_brings_it_up_with_the_agent_again()
      throws Exception {
    heard.next(e -> e.equals(new Connection(SENSOR, true)));

    fixture.lookalike().stopBluetoothd();

    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    heard.next(e -> e.equals(new State(RadioState.DOWN)));
    assertThat(reason(loop.failure(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)))))
        .isEqualTo(RadioException.Reason.RADIO_DOWN);

    fixture.lookalike().startBluetoothd();

    heard.next(e -> e.equals(new State(RadioState.UP)));
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(loop.await(() -> radio.read(SENSOR, LEVEL)).value()).containsExactly(100);
    // The new bluetoothd asks our agent for the passkey: the driver registered it again.
    BleConnectRequest withPasskey =
        new BleConnectRequest(
            LOCK,
            Set.of(BleBonding.PASSKEY),
            new BleCredentials(OptionalInt.of(123456), Optional.empty(), Optional.empty()));
    loop.await(() -> radio.connect(withPasskey));
    assertThat(loop.await(() -> radio.read(LOCK, LEVEL)).value()).containsExactly(7);
  }

  @Test
  void a_lost_bus_connection_takes_the_radio_down_and_the_driver_reconnects_to_the_new_bus()
      throws Exception {
    heard.next(e -> e.equals(new Connection(SENSOR, true)));

    fixture.restartBus();

    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    heard.next(e -> e.equals(new State(RadioState.DOWN)));
    // The driver retries at 0.25, 0.75, 1.75, 3.75 and 7.75 s after the loss: a new bus and
    // bluetoothd look-alike that take a loaded machine more than ~2.7 s to start are only found by
    // the attempt at 7.75 s, more than 5 s after the restart returned.
    heard.next(e -> e.equals(new State(RadioState.UP)), 15);
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(loop.await(() -> radio.read(SENSOR, LEVEL)).value()).containsExactly(100);
    // A new connection, so the agent was registered again with the new bluetoothd.
    BleConnectRequest withPasskey =
        new BleConnectRequest(
            LOCK,
            Set.of(BleBonding.PASSKEY),
            new BleCredentials(OptionalInt.of(123456), Optional.empty(), Optional.empty()));
    loop.await(() -> radio.connect(withPasskey));
  }

  @Test
  void
      a_notify_session_bluetoothd_kept_across_a_dropped_link_is_on_again_and_asking_again_is_done() {
    assertThat(loop.await(() -> radio.notifications(SENSOR, LEVEL, true)).succeeded()).isTrue();
    fixture.lookalike().dropLink(SENSOR);
    heard.next(e -> e.equals(new Connection(SENSOR, false)));

    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    // bluetoothd registered the session again by itself: values arrive with no StartNotify
    fixture.change(SENSOR, LEVEL, new byte[] {55});
    heard.next(e -> e.equals(new Notified(SENSOR, 55)));

    // what the engine does after a reconnect: StartNotify again, answered "Already notifying"
    assertThat(loop.await(() -> radio.notifications(SENSOR, LEVEL, true)).succeeded()).isTrue();
    assertThat(loop.await(() -> radio.notifications(SENSOR, LEVEL, false)).succeeded()).isTrue();
    // and off twice is off ("No notify session started")
    assertThat(loop.await(() -> radio.notifications(SENSOR, LEVEL, false)).succeeded()).isTrue();
  }
}
