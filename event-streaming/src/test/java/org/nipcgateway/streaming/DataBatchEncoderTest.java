package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Golden bytes for each DataSubscription kind, made by an independent encoder (Python's cbor2 from
 * Debian) for the draft's CBOR examples with a fixed timestamp: our encoding must be byte-for-byte
 * the same (definite-length maps, float64 timestamp, byte-string data).
 */
class DataBatchEncoderTest {
  private static final BleAddress MAC = BleAddress.parse("C1:5C:00:00:00:01");
  private static final String DEVICE = "1d3b2c36-8a65-45a6-87c1-bcdbe0a32e30";
  private static final Instant AT = Instant.ofEpochMilli(1_727_484_393_500L);
  private static final HexFormat HEX = HexFormat.of();

  private final DataBatchEncoder encoder = new DataBatchEncoder();

  private String encode(String eventPath, RadioSignal signal) {
    return HEX.formatHex(
        encoder.encode(List.of(new DeviceEvent(DEVICE, "e", eventPath, AT, signal))));
  }

  @Test
  void a_gatt_notification_is_a_ble_subscription_with_full_uuids() {
    RadioSignal notification =
        new RadioSignal.BleNotification(
            MAC,
            new GattCharacteristic("1809", "2A1C"),
            HEX.parseHex("434630374346303739453036"),
            false);
    assertThat(encode("p", notification))
        .isEqualTo(
            "81a464646174614c4346303743463037394530366974696d657374616d70fb41d9bdd47a600000686465766963654944782431643362326333362d386136352d343561362d383763312d6263646265306133326533306f626c65537562736372697074696f6ea269736572766963654944782430303030313830392d303030302d313030302d383030302d3030383035663962333466627063686172616374657269737469634944782430303030326131632d303030302d313030302d383030302d303038303566396233346662");
  }

  @Test
  void an_advertisement_carries_mac_address_and_negative_rssi() {
    RadioSignal advertisement =
        new RadioSignal.BleAdvertisement(
            MAC, -25, HEX.parseHex("02011a020a0c16ff4c001007721f41b0392078"));
    assertThat(encode("p", advertisement))
        .isEqualTo(
            "81a464646174615302011a020a0c16ff4c001007721f41b03920786974696d657374616d70fb41d9bdd47a600000686465766963654944782431643362326333362d386136352d343561362d383763312d62636462653061333265333070626c654164766572746973656d656e74a26a6d6163416464726573737143313a35433a30303a30303a30303a303164727373693818");
  }

  @Test
  void a_connection_status_has_no_data() {
    assertThat(encode("p", new RadioSignal.BleConnection(MAC, true)))
        .isEqualTo(
            "81a36974696d657374616d70fb41d9bdd47a600000686465766963654944782431643362326333362d386136352d343561362d383763312d62636462653061333265333073626c65436f6e6e656374696f6e537461747573a26a6d6163416464726573737143313a35433a30303a30303a30303a303169636f6e6e6563746564f5");
  }

  @Test
  void a_zigbee_report_is_a_zigbee_subscription() {
    RadioSignal report =
        new RadioSignal.ZigbeeReport(
            Eui64.parse("00:0D:6F:00:0A:0B:0C:01"),
            ZigbeeAttribute.of(1, 6, 0, 16),
            new byte[] {1},
            false);
    assertThat(encode("p", report))
        .isEqualTo(
            "81a4646461746141016974696d657374616d70fb41d9bdd47a600000686465766963654944782431643362326333362d386136352d343561362d383763312d626364626530613332653330727a6967626565537562736372697074696f6ea46a656e64706f696e7449440169636c75737465724944066b6174747269627574654944006d6174747269627574655479706510");
  }

  @Test
  void several_events_form_one_batch() {
    DeviceEvent connected =
        new DeviceEvent(DEVICE, "e", "p", AT, new RadioSignal.BleConnection(MAC, true));
    byte[] batch = encoder.encode(List.of(connected, connected, connected));
    assertThat(batch[0]).isEqualTo((byte) 0x83);
  }
}
