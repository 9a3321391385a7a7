package org.nipcgateway.core.radio.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.TransmitSchedule;

/**
 * The rules every {@link BleRadio} keeps, written once against the SPI. A driver module extends
 * this class with its {@link BleRadioFixture}; the simulator and each real driver pass the same
 * rules.
 */
public abstract class BleRadioContract {
  protected static final BleAddress SENSOR = BleAddress.parse("C0:FF:EE:00:00:01");
  protected static final BleAddress LOCKED = BleAddress.parse("C0:FF:EE:00:00:02");
  protected static final BleAddress JUST_WORKS = BleAddress.parse("C0:FF:EE:00:00:03");
  protected static final BleAddress ABSENT = BleAddress.parse("C0:FF:EE:00:00:99");
  protected static final GattCharacteristic MEASUREMENT = new GattCharacteristic("1809", "2A1C");
  protected static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");
  protected static final GattCharacteristic COMMAND_ONLY = new GattCharacteristic("FFE0", "FFE1");
  protected static final GattCharacteristic MISSING = new GattCharacteristic("FFF0", "FFF1");
  private static final int PASSKEY = 123456;
  private static final byte[] ADVERTISING =
      HexFormat.of().parseHex("020106" + "0709" + "54686572" + "6d6f" + "05ff4c000102");

  private Vertx vertx;
  private BleRadioFixture fixture;
  private OnLoop loop;
  private final Recorded<Object> heard = new Recorded<>();
  protected BleRadio radio;

  /** A new fixture of the driver under test. */
  protected abstract BleRadioFixture fixture();

  @BeforeEach
  void startRadio() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    fixture = fixture();
    List<BlePeripheral> peripherals =
        List.of(
            BlePeripheral.at(SENSOR.toString())
                .advertising(-42, ADVERTISING)
                .characteristic("1809", "2A1C", new byte[] {1}, "read", "notify")
                .characteristic("180F", "2A19", new byte[] {100}, "read", "write")
                .characteristic("FFE0", "FFE1", new byte[] {0}, "write-no-response"),
            BlePeripheral.at(LOCKED.toString())
                .passkey(PASSKEY)
                .characteristic("180F", "2A19", new byte[] {50}, "read"),
            BlePeripheral.at(JUST_WORKS.toString())
                .pairing(BleBonding.JUSTWORKS)
                .characteristic("180F", "2A19", new byte[] {75}, "read"));
    radio = loop.await(() -> fixture.start(vertx, peripherals, 2));
    loop.context()
        .runOnContext(
            v ->
                radio.listen(
                    new BleListener() {
                      @Override
                      public void notification(
                          BleAddress device,
                          GattCharacteristic characteristic,
                          byte[] value,
                          boolean indication) {
                        heard.add(new Notification(device, characteristic, value));
                      }

                      @Override
                      public void advertisement(BleAdvertisement advertisement) {
                        heard.add(advertisement);
                      }

                      @Override
                      public void connectionChanged(BleLink link, boolean connected) {
                        heard.add(new Connection(link.address(), connected));
                        heard.add(new LinkChange(link, connected));
                      }
                    }));
    loop.await(() -> io.vertx.core.Future.succeededFuture());
  }

  @AfterEach
  void stopRadio() {
    assertThat(heard.offLoop()).as("callbacks off an event loop").isEmpty();
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  record Notification(BleAddress device, GattCharacteristic characteristic, byte[] value) {}

  record Connection(BleAddress device, boolean connected) {}

  /** The same event with the link it names, for the cases about link numbering. */
  record LinkChange(BleLink link, boolean connected) {}

  private void connect(BleAddress device) {
    loop.await(() -> radio.connect(BleConnectRequest.unpaired(device)));
  }

  private static BleConnectRequest withPasskey(BleAddress device, int key) {
    return new BleConnectRequest(
        device,
        Set.of(BleBonding.PASSKEY),
        new BleCredentials(
            OptionalInt.of(key), java.util.Optional.empty(), java.util.Optional.empty()));
  }

  private static BleConnectRequest justWorks(BleAddress device) {
    return new BleConnectRequest(device, Set.of(BleBonding.JUSTWORKS), BleCredentials.none());
  }

  private static RadioException.Reason reasonOf(Throwable failure) {
    assertThat(failure).isInstanceOf(RadioException.class);
    return ((RadioException) failure).reason();
  }

  @Test
  void a_started_radio_is_up() {
    assertThat(radio.state()).isEqualTo(RadioState.UP);
  }

  @Test
  void connecting_to_a_peripheral_in_range_reports_the_connection() {
    connect(SENSOR);
    heard.next(e -> e.equals(new Connection(SENSOR, true)));
  }

  @Test
  void connecting_again_to_a_connected_peripheral_succeeds() {
    connect(SENSOR);
    connect(SENSOR);
  }

  @Test
  void connecting_to_a_peripheral_out_of_range_fails_with_unknown_device() {
    Throwable failure = loop.failure(() -> radio.connect(BleConnectRequest.unpaired(ABSENT)));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
  }

  @Test
  void reading_a_readable_characteristic_answers_its_value() {
    connect(SENSOR);
    DeviceAnswer<byte[]> answer = loop.await(() -> radio.read(SENSOR, LEVEL));
    assertThat(answer.succeeded()).isTrue();
    assertThat(answer.value()).containsExactly(100);
  }

  @Test
  void reading_a_characteristic_that_cannot_be_read_is_an_att_refusal_not_a_failure() {
    connect(SENSOR);
    DeviceAnswer<byte[]> answer = loop.await(() -> radio.read(SENSOR, COMMAND_ONLY));
    assertThat(answer.succeeded()).isFalse();
    assertThat(answer.refusal().orElseThrow().protocol()).isEqualTo(DeviceStatus.Protocol.ATT);
  }

  @Test
  void a_write_request_changes_the_value_the_peripheral_holds() {
    connect(SENSOR);
    DeviceAnswer<Void> answer =
        loop.await(() -> radio.write(SENSOR, LEVEL, new byte[] {42}, BleWriteType.REQUEST));
    assertThat(answer.succeeded()).isTrue();
    assertThat(fixture.value(SENSOR, LEVEL)).containsExactly(42);
  }

  @Test
  void a_write_command_reaches_a_characteristic_that_takes_commands() {
    connect(SENSOR);
    DeviceAnswer<Void> answer =
        loop.await(() -> radio.write(SENSOR, COMMAND_ONLY, new byte[] {7}, BleWriteType.COMMAND));
    assertThat(answer.succeeded()).isTrue();
    assertThat(fixture.value(SENSOR, COMMAND_ONLY)).containsExactly(7);
  }

  @Test
  void a_write_request_to_a_characteristic_that_takes_only_commands_is_refused() {
    connect(SENSOR);
    DeviceAnswer<Void> answer =
        loop.await(() -> radio.write(SENSOR, COMMAND_ONLY, new byte[] {7}, BleWriteType.REQUEST));
    assertThat(answer.succeeded()).isFalse();
    assertThat(fixture.value(SENSOR, COMMAND_ONLY)).containsExactly(0);
  }

  @Test
  void a_characteristic_the_peripheral_lacks_fails_with_unknown_target() {
    connect(SENSOR);
    Throwable failure = loop.failure(() -> radio.read(SENSOR, MISSING));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_TARGET);
  }

  @Test
  void gatt_operations_need_a_connection() {
    Throwable failure = loop.failure(() -> radio.read(SENSOR, LEVEL));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.CONNECTION_FAILED);
  }

  @Test
  void discovery_lists_services_with_characteristics_and_their_flags() {
    connect(SENSOR);
    List<GattService> all = loop.await(() -> radio.discover(SENSOR, Set.of()));
    assertThat(all).extracting(GattService::serviceId).contains("1809", "180F", "FFE0");
    GattService battery =
        all.stream().filter(s -> s.serviceId().equals("180F")).findFirst().orElseThrow();
    assertThat(battery.characteristics().get(0).flags()).contains("read", "write");
    List<GattService> one =
        loop.await(() -> radio.discover(SENSOR, Set.of("0000180f-0000-1000-8000-00805f9b34fb")));
    assertThat(one).extracting(GattService::serviceId).containsExactly("180F");
  }

  @Test
  void notifications_carry_the_peripherals_changes_until_turned_off() {
    connect(SENSOR);
    assertThat(loop.await(() -> radio.notifications(SENSOR, MEASUREMENT, true)).succeeded())
        .isTrue();
    fixture.change(SENSOR, MEASUREMENT, new byte[] {9});
    Notification first =
        (Notification) heard.next(e -> e instanceof Notification n && n.value()[0] == 9);
    assertThat(first.characteristic()).isEqualTo(MEASUREMENT);
    loop.await(() -> radio.notifications(SENSOR, MEASUREMENT, false));
    fixture.change(SENSOR, MEASUREMENT, new byte[] {10});
    assertThat(heard.arrives(e -> e instanceof Notification n && n.value()[0] == 10, 300))
        .isFalse();
  }

  @Test
  void disconnecting_reports_the_link_closed_and_succeeds_when_there_is_none() {
    connect(SENSOR);
    loop.await(() -> radio.disconnect(SENSOR));
    heard.next(e -> e.equals(new Connection(SENSOR, false)));
    loop.await(() -> radio.disconnect(SENSOR));
  }

  @Test
  void a_connect_answers_the_link_its_events_name_and_a_later_link_is_numbered_newer() {
    BleLink first = loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    assertThat(first.address()).isEqualTo(SENSOR);
    heard.next(e -> e.equals(new LinkChange(first, true)));
    assertThat(loop.<BleLink>await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR))))
        .as("connecting again answers the link already open")
        .isEqualTo(first);

    loop.await(() -> radio.disconnect(SENSOR));
    heard.next(e -> e.equals(new LinkChange(first, false)));
    BleLink second = loop.await(() -> radio.connect(BleConnectRequest.unpaired(SENSOR)));
    heard.next(e -> e.equals(new LinkChange(second, true)));
    assertThat(second.newerThan(first)).as("the reopened link is the newer one").isTrue();
  }

  @Test
  void a_peripheral_that_insists_on_pairing_is_refused_without_that_method() {
    Throwable failure = loop.failure(() -> radio.connect(BleConnectRequest.unpaired(JUST_WORKS)));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.BONDING_FAILED);
    loop.await(() -> radio.connect(justWorks(JUST_WORKS)));
  }

  @Test
  void passkey_pairing_succeeds_with_the_right_key_and_fails_with_a_wrong_one() {
    Throwable wrong = loop.failure(() -> radio.connect(withPasskey(LOCKED, 111111)));
    assertThat(reasonOf(wrong)).isEqualTo(RadioException.Reason.BONDING_FAILED);
    loop.await(() -> radio.connect(withPasskey(LOCKED, PASSKEY)));
    assertThat(loop.await(() -> radio.read(LOCKED, LEVEL)).value()).containsExactly(50);
  }

  @Test
  void an_adapter_holds_no_more_connections_than_it_has_slots() {
    connect(SENSOR);
    loop.await(() -> radio.connect(withPasskey(LOCKED, PASSKEY)));
    Throwable full = loop.failure(() -> radio.connect(justWorks(JUST_WORKS)));
    assertThat(reasonOf(full)).isEqualTo(RadioException.Reason.CONNECTION_FAILED);
    loop.await(() -> radio.disconnect(SENSOR));
    loop.await(() -> radio.connect(justWorks(JUST_WORKS)));
  }

  @Test
  void scanning_reports_parsed_advertisements_until_it_stops() {
    loop.await(() -> radio.scanning(true));
    BleAdvertisement seen =
        (BleAdvertisement)
            heard.next(e -> e instanceof BleAdvertisement a && a.address().equals(SENSOR));
    assertThat(seen.rssi()).isEqualTo(-42);
    assertThat(seen.localName()).contains("Thermo");
    assertThat(seen.manufacturerData().get(0x004C)).containsExactly(1, 2);
    loop.await(() -> radio.scanning(false));
    heard.arrives(e -> false, 200); // what was on its way when scanning stopped
    heard.clear();
    assertThat(heard.arrives(e -> e instanceof BleAdvertisement, 1500)).isFalse();
  }

  @Test
  void a_transmission_hands_its_advertising_structures_to_the_adapter() {
    byte[] manufacturer = HexFormat.of().parseHex("07ff4c00c0ffee01");
    byte[] name = HexFormat.of().parseHex("0509" + "4e495043");
    byte[] payload = new byte[manufacturer.length + name.length];
    System.arraycopy(manufacturer, 0, payload, 0, manufacturer.length);
    System.arraycopy(name, 0, payload, manufacturer.length, name.length);
    loop.await(
        () ->
            radio.transmit(
                SENSOR,
                new BleTransmission(
                    payload,
                    false,
                    new TransmitSchedule(TransmitSchedule.Cycle.REPEAT, 300, 100))));
    assertThat(fixture.transmitted())
        .anySatisfy(
            sent -> {
              String hex = HexFormat.of().formatHex(sent);
              assertThat(hex).contains(HexFormat.of().formatHex(manufacturer));
              assertThat(hex).contains(HexFormat.of().formatHex(name));
            });
  }
}
