package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radio.contract.Recorded;
import org.nipcgateway.core.radio.fault.Fault;
import org.nipcgateway.core.radio.fault.FaultInjectingBleRadio;
import org.nipcgateway.core.radio.fault.FaultInjection;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;

/** The decorator's faults act as a failing radio would, over a radio that works. */
class FaultInjectionTest {
  private static final BleAddress SENSOR = BleAddress.parse("C0:FF:EE:00:00:01");
  private static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");

  private Vertx vertx;
  private OnLoop loop;
  private SimulatedBleRadio simulated;
  private FaultInjection faults;
  private FaultInjectingBleRadio radio;
  private final Recorded<Object> heard = new Recorded<>();

  record Connection(BleAddress device, boolean connected) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    radio =
        loop.await(
            () -> {
              simulated = new SimulatedBleRadio(vertx, 2, 1000);
              simulated.addPeripheral(
                  SENSOR, BleBonding.NONE, OptionalInt.empty(), -50, new byte[0]);
              simulated.define(SENSOR, LEVEL, new byte[] {9}, Set.of("read"), List.of(), 0, false);
              faults = new FaultInjection(vertx, "ble");
              FaultInjectingBleRadio decorated = new FaultInjectingBleRadio(simulated, faults);
              decorated.listen(
                  new BleListener() {
                    @Override
                    public void connectionChanged(BleLink link, boolean connected) {
                      heard.add(new Connection(link.address(), connected));
                    }

                    @Override
                    public void stateChanged(RadioState state) {
                      heard.add(state);
                    }
                  });
              return io.vertx.core.Future.succeededFuture(decorated);
            });
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private RadioException.Reason reasonOf(Throwable failure) {
    return ((RadioException) failure).reason();
  }

  @Test
  void a_radio_taken_down_drops_its_links_and_refuses_operations_until_the_fault_is_cleared() {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    heard.next(e -> e.equals(new Connection(SENSOR, true)));

    faults.plan().add("*", Optional.empty(), Fault.Kind.RADIO_DOWN, -1);

    heard.next(e -> e == RadioState.DOWN);
    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    assertThat(radio.state()).isEqualTo(RadioState.DOWN);
    assertThat(simulated.slotsInUse()).isZero();
    assertThat(reasonOf(loop.failure(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)))))
        .isEqualTo(RadioException.Reason.RADIO_DOWN);

    faults.plan().clear();

    heard.next(e -> e == RadioState.UP);
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(loop.await(() -> radio.read(SENSOR, LEVEL)).value()).containsExactly(9);
  }

  @Test
  void a_disconnect_fault_really_drops_the_link() {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    faults.plan().add("read", Optional.empty(), Fault.Kind.DISCONNECT, 1);

    Throwable failure = loop.failure(() -> radio.read(SENSOR, LEVEL));

    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.CONNECTION_FAILED);
    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    assertThat(simulated.slotsInUse()).isZero();
  }

  @Test
  void a_refusal_is_the_devices_answer_and_is_used_up() {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    faults.plan().add("read", Optional.of(SENSOR.toString()), Fault.Kind.REFUSED, 1);

    DeviceAnswer<byte[]> refused = loop.await(() -> radio.read(SENSOR, LEVEL));
    DeviceAnswer<byte[]> next = loop.await(() -> radio.read(SENSOR, LEVEL));

    assertThat(refused.succeeded()).isFalse();
    assertThat(next.value()).containsExactly(9);
  }

  @Test
  void a_refusal_after_some_operations_lets_them_pass_and_answers_its_own_status() {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    faults.plan().add("read", Optional.empty(), Fault.Kind.REFUSED, 1, 2, OptionalInt.of(0x80));

    DeviceAnswer<byte[]> first = loop.await(() -> radio.read(SENSOR, LEVEL));
    DeviceAnswer<byte[]> second = loop.await(() -> radio.read(SENSOR, LEVEL));
    DeviceAnswer<byte[]> third = loop.await(() -> radio.read(SENSOR, LEVEL));
    DeviceAnswer<byte[]> fourth = loop.await(() -> radio.read(SENSOR, LEVEL));

    assertThat(first.value()).containsExactly(9);
    assertThat(second.value()).containsExactly(9);
    assertThat(third.refusal())
        .hasValue(new DeviceStatus(DeviceStatus.Protocol.ATT, 0x80))
        .get()
        .hasToString("ATT APPLICATION_ERROR (0x80)");
    assertThat(fourth.value()).containsExactly(9);
    assertThat(faults.plan().list()).isEmpty();
  }

  @Test
  void a_status_fits_only_a_refusal_and_an_error_code() {
    Optional<String> any = Optional.empty();
    assertThatThrownBy(
            () -> faults.plan().add("read", any, Fault.Kind.TIMEOUT, 1, 0, OptionalInt.of(0x80)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only a 'refused' fault");
    assertThatThrownBy(
            () -> faults.plan().add("read", any, Fault.Kind.REFUSED, 1, 0, OptionalInt.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> faults.plan().add("read", any, Fault.Kind.REFUSED, 1, -1, OptionalInt.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(faults.plan().list()).isEmpty();
  }

  @Test
  void latency_holds_an_operation_back() {
    faults.latency().set("connect", 300);
    long started = System.nanoTime();
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
  }
}
