package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.TransmitSchedule;
import org.nipcgateway.core.radio.TransmitSchedule.Cycle;

/** Golden AD structures and the {@code LEAdvertisement1} properties they become. */
class BluezAdvertisingDataTest {

  private static Map<String, Variant<?>> of(String hex) {
    return BluezAdvertisingData.properties(
        new BleTransmission(
            HexFormat.of().parseHex(hex), false, new TransmitSchedule(Cycle.SINGLE, 0, 100)));
  }

  @Test
  void uuid_lists_of_every_size_become_128_bit_service_uuids_in_their_order() {
    Map<String, Variant<?>> properties =
        of("03030f18" + "0505efbeadde" + "1107" + "fbeeddccbbaa99887766554433221100");
    assertThat(properties.get("ServiceUUIDs").getValue())
        .isEqualTo(
            List.of(
                "0000180f-0000-1000-8000-00805f9b34fb",
                "deadbeef-0000-1000-8000-00805f9b34fb",
                "00112233-4455-6677-8899-aabbccddeefb"));
    assertThat(properties.get("ServiceUUIDs").getSig()).isEqualTo("as");
    assertThat(properties.get("Type").getValue()).isEqualTo("broadcast");
  }

  @Test
  void manufacturer_data_is_keyed_by_its_little_endian_company_and_flags_are_left_to_bluez() {
    Map<String, Variant<?>> properties = of("020106" + "05ff5900abcd");
    assertThat(properties).doesNotContainKey("Data");
    Map<?, ?> manufacturer = (Map<?, ?>) properties.get("ManufacturerData").getValue();
    assertThat(List.copyOf(manufacturer.keySet())).isEqualTo(List.of(new UInt16(0x0059)));
    assertThat(((Variant<?>) manufacturer.get(new UInt16(0x0059))).getValue())
        .isEqualTo(new byte[] {(byte) 0xAB, (byte) 0xCD});
    assertThat(properties.get("ManufacturerData").getSig()).isEqualTo("a{qv}");
  }

  @Test
  void appearance_and_tx_power_become_their_own_fields_and_a_single_asks_no_interval() {
    Map<String, Variant<?>> properties = of("03194103" + "020a04");
    assertThat(properties.get("Appearance").getValue()).isEqualTo(new UInt16(0x0341));
    assertThat(properties.get("Includes").getValue()).isEqualTo(List.of("tx-power"));
    assertThat(properties).doesNotContainKeys("MinInterval", "MaxInterval");
  }

  @Test
  void a_cut_short_structure_is_unsupported() {
    Throwable failure = catchThrowable(() -> of("05ff5900"));
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.UNSUPPORTED);
  }
}
