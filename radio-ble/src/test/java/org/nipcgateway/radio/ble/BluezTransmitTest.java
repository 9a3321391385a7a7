package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.TransmitSchedule;
import org.nipcgateway.core.radio.TransmitSchedule.Cycle;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.simulators.bluez.LookalikeAdvertisement;

/**
 * Transmissions (NIPC Transmit extension) through the bluez driver: an advertising set registered
 * with the look-alike's {@code LEAdvertisingManager1}, its AD structures carried as {@code
 * LEAdvertisement1} properties, on the air for its time and unregistered after.
 */
class BluezTransmitTest {
  private static final BleAddress LISTENER = BleAddress.parse("C0:FF:EE:00:00:01");
  private static final String EDDYSTONE = "0000feaa-0000-1000-8000-00805f9b34fb";

  /** Flags; Apple's manufacturer data 01 02 03; Eddystone service data 09 08; name "NIPC". */
  private static final byte[] BEACON =
      HexFormat.of().parseHex("020106" + "06ff4c00010203" + "0516aafe0908" + "05094e495043");

  private Vertx vertx;
  private OnLoop loop;
  private BluezBleFixture fixture;
  private BleRadio radio;

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
                        BlePeripheral.at(LISTENER.toString())
                            .characteristic("180F", "2A19", new byte[] {100}, "read")),
                    1));
  }

  @AfterEach
  void stop() {
    fixture.close();
    vertx.close().await();
  }

  @Test
  void a_transmission_is_advertised_with_its_structures_as_properties_and_unregistered_after() {
    loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 400, 100)));

    List<LookalikeAdvertisement> advertising = fixture.lookalike().advertising();
    assertThat(advertising).hasSize(1);
    LookalikeAdvertisement sent = advertising.get(0);
    assertThat(sent.type()).isEqualTo("broadcast");
    assertThat(sent.manufacturerData()).containsOnlyKeys(0x004C);
    assertThat(sent.manufacturerData().get(0x004C)).containsExactly(1, 2, 3);
    assertThat(sent.serviceData()).containsOnlyKeys(EDDYSTONE);
    assertThat(sent.serviceData().get(EDDYSTONE)).containsExactly(9, 8);
    assertThat(sent.localName()).contains("NIPC");
    assertThat(sent.minIntervalMillis()).isEqualTo(OptionalLong.of(100));
    assertThat(sent.maxIntervalMillis()).isEqualTo(OptionalLong.of(100));
    // What bluetoothd builds from them: the same structures, its own Flags (none for a broadcast).
    assertThat(HexFormat.of().formatHex(sent.payload()))
        .isEqualTo("06ff4c00010203" + "0516aafe0908" + "05094e495043");

    until(() -> fixture.lookalike().advertising().isEmpty(), 5000);
    until(() -> ((BluezBleRadio) radio).transmissions() == 0, 5000);
    assertThat(fixture.lookalike().advertised()).hasSize(1);
  }

  @Test
  void a_connectable_transmission_is_a_peripheral_advertisement_and_other_types_go_as_data() {
    // A URI (0x24) has no property of its own: it goes in Data, keyed by its AD type.
    byte[] uri = "//x.org".getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[uri.length + 3];
    payload[0] = (byte) (uri.length + 2);
    payload[1] = 0x24;
    payload[2] = 0x16; // "https:"
    System.arraycopy(uri, 0, payload, 3, uri.length);
    loop.await(() -> radio.transmit(LISTENER, repeat(payload, true, 300, 50)));

    LookalikeAdvertisement sent = fixture.lookalike().advertised().get(0);
    assertThat(sent.type()).isEqualTo("peripheral");
    assertThat(sent.data()).containsOnlyKeys(0x24);
    assertThat(sent.data().get(0x24))
        .isEqualTo(java.util.Arrays.copyOfRange(payload, 2, payload.length));
  }

  @Test
  void
      a_single_transmission_without_a_time_is_on_the_air_about_one_second_at_the_default_interval() {
    long asked = System.nanoTime();
    loop.await(
        () ->
            radio.transmit(
                LISTENER,
                new BleTransmission(BEACON, false, new TransmitSchedule(Cycle.SINGLE, 0, 100))));
    LookalikeAdvertisement sent = fixture.lookalike().advertising().get(0);
    assertThat(sent.minIntervalMillis()).isEmpty();
    until(() -> fixture.lookalike().advertising().isEmpty(), 5000);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked))
        .isGreaterThanOrEqualTo(BluezBleRadio.SINGLE_MILLIS);
  }

  @Test
  void a_transmission_beyond_the_adapters_advertising_instances_fails_and_frees_nothing() {
    for (int i = 0; i < 5; i++) {
      loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    }
    Throwable refused =
        loop.failure(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    assertThat(refused).isInstanceOf(RadioException.class);
    assertThat(((RadioException) refused).reason())
        .isEqualTo(RadioException.Reason.CONNECTION_FAILED);
    assertThat(fixture.lookalike().advertising()).hasSize(5);
    assertThat(((BluezBleRadio) radio).transmissions()).isEqualTo(5);
  }

  @Test
  void an_ad_type_bluez_keeps_for_itself_is_unsupported_and_nothing_is_registered() {
    // 0x17: a public target address, which bluetoothd lets no client set.
    byte[] target = HexFormat.of().parseHex("0717112233445566");
    Throwable refused =
        loop.failure(() -> radio.transmit(LISTENER, repeat(target, false, 300, 100)));
    assertThat(((RadioException) refused).reason()).isEqualTo(RadioException.Reason.UNSUPPORTED);
    assertThat(fixture.lookalike().advertised()).isEmpty();
  }

  @Test
  void an_advertisement_bluez_releases_is_forgotten_and_its_instance_comes_back() {
    for (int i = 0; i < 5; i++) {
      loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    }
    fixture.lookalike().releaseAdvertisements();
    until(() -> ((BluezBleRadio) radio).transmissions() == 0, 5000);
    loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    assertThat(fixture.lookalike().advertising()).hasSize(1);
  }

  @Test
  void transmissions_end_when_the_adapter_leaves_and_a_down_radio_refuses_new_ones()
      throws Exception {
    loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    fixture.lookalike().removeAdapter();
    until(() -> ((BluezBleRadio) radio).transmissions() == 0, 5000);
    Throwable refused =
        loop.failure(() -> radio.transmit(LISTENER, repeat(BEACON, false, 300, 100)));
    assertThat(((RadioException) refused).reason()).isEqualTo(RadioException.Reason.RADIO_DOWN);
  }

  @Test
  void transmissions_are_unregistered_when_the_adapter_is_powered_off_so_they_do_not_return() {
    loop.await(() -> radio.transmit(LISTENER, repeat(BEACON, false, 60_000, 100)));
    fixture.lookalike().powerOff();
    until(() -> ((BluezBleRadio) radio).transmissions() == 0, 5000);
    // bluetoothd would advertise a set still registered again once the adapter is powered.
    until(() -> fixture.lookalike().advertising().isEmpty(), 5000);
  }

  private static BleTransmission repeat(
      byte[] payload, boolean connectable, long millis, long intervalMillis) {
    return new BleTransmission(
        payload, connectable, new TransmitSchedule(Cycle.REPEAT, millis, intervalMillis));
  }

  /** Waits for a condition the driver or the look-alike reaches on its own threads. */
  private static void until(BooleanSupplier condition, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %d ms", millis).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
