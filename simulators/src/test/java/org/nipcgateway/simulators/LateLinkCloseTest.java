package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radios.Radios;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;

/**
 * The simulated radio tells its connection events in a task of their own, after the operation that
 * caused them: an implicit link closed and a new one opened in the same task have the first link's
 * close told while the second is already in use. That close must not drop the second link.
 */
class LateLinkCloseTest {
  private static final BleAddress SENSOR = BleAddress.parse("C0:FF:EE:00:00:01");
  private static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");
  private static final BleConnectRequest REQUEST = BleConnectRequest.unpaired(SENSOR);

  private Vertx vertx;
  private OnLoop loop;
  private Radios radios;
  private SimulatedBleRadio simulated;
  private BleConnections links;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    // Started on the loop, so that the radio tells its events on the context the test calls from.
    radios =
        loop.await(
            () ->
                Radios.start(
                    vertx,
                    Settings.of(
                        "radios",
                        new JsonObject(
                            "{\"ble\":{\"driver\":\"simulated\",\"faultInjection\":false}}"))));
    simulated = (SimulatedBleRadio) radios.bleFamily().orElseThrow().driverRadio();
    simulated.addPeripheral(SENSOR, BleBonding.NONE, OptionalInt.empty(), -50, new byte[0]);
    simulated.define(SENSOR, LEVEL, new byte[] {9}, Set.of("read"), List.of(), 0, false);
    links = new BleConnections(new RadioCalls(radios, 5_000), 0, Clock.systemUTC(), vertx);
    radios.ble().orElseThrow().listen(links);
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** A read over an implicit link that opens and closes at once; its events are told later. */
  private Future<DeviceAnswer<byte[]>> implicitRead() {
    return links.using(REQUEST, mac -> radios.ble().orElseThrow().read(mac, LEVEL));
  }

  /** Waits until every event the radio queued before now has been told. */
  private void eventsTold() {
    loop.await(Future::succeededFuture);
  }

  @Test
  void a_late_close_of_an_implicit_link_keeps_the_explicit_connection_opened_after_it() {
    boolean claimed =
        loop.await(() -> implicitRead().compose(read -> links.hold(REQUEST, 0)).map(links::claim));
    eventsTold();

    assertThat(claimed).isTrue();
    assertThat(links.isExplicit(SENSOR)).as("explicit connection kept").isTrue();
    assertThat(simulated.slotsInUse()).isEqualTo(1);

    assertThat(loop.await(() -> Future.succeededFuture(links.unclaim(SENSOR)))).isTrue();
    eventsTold();
    assertThat(simulated.slotsInUse()).as("the application's disconnect closes it").isZero();
  }

  @Test
  void a_late_close_of_an_implicit_link_leaves_the_next_operation_its_link_to_close() {
    Promise<DeviceAnswer<byte[]>> slow = Promise.promise();
    AtomicReference<Future<DeviceAnswer<byte[]>>> second = new AtomicReference<>();
    loop.await(
        () ->
            implicitRead()
                .onSuccess(read -> second.set(links.using(REQUEST, mac -> slow.future()))));
    eventsTold();
    assertThat(simulated.slotsInUse()).isEqualTo(1);

    // A third operation meanwhile shares the second's link rather than opening (and closing) one.
    loop.await(this::implicitRead);
    eventsTold();
    assertThat(simulated.slotsInUse()).as("the slow operation's link is still open").isEqualTo(1);

    loop.await(
        () -> {
          slow.complete(DeviceAnswer.of(new byte[] {1}));
          return second.get();
        });
    eventsTold();
    assertThat(simulated.slotsInUse()).as("the last user closed the link").isZero();
  }
}
