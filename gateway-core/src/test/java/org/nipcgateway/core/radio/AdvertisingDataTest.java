package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Advertising payloads parse into fields and rebuild byte for byte (golden bytes). */
class AdvertisingDataTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BleAddress SENDER = BleAddress.parse("C0:FF:EE:00:00:01");

  @Test
  void a_payload_parses_into_its_fields() {
    // Flags; 16-bit UUIDs 180F, 1809; name "Thermo"; TX power -8; service data 180F = 64;
    // manufacturer data of Apple (0x004C) = 01 02.
    byte[] raw =
        HEX.parseHex(
            "020106"
                + "050309180f18"
                + "07095468"
                + "65726d6f"
                + "020af8"
                + "04160f1864"
                + "05ff4c000102");

    BleAdvertisement ad = BleAdvertisement.fromRaw(SENDER, -40, raw);

    assertThat(ad.serviceUuids()).containsExactly("1809", "180F");
    assertThat(ad.localName()).contains("Thermo");
    assertThat(ad.txPower()).hasValue(-8);
    assertThat(ad.serviceData().get("180F")).containsExactly(0x64);
    assertThat(ad.manufacturerData().get(0x004C)).containsExactly(1, 2);
    assertThat(ad.payload()).isEqualTo(raw);
  }

  @Test
  void a_truncated_structure_keeps_what_came_before_it() {
    BleAdvertisement ad =
        BleAdvertisement.fromRaw(SENDER, -40, HEX.parseHex("0709546865726d6f" + "09ff4c"));

    assertThat(ad.localName()).contains("Thermo");
    assertThat(ad.manufacturerData()).isEmpty();
  }

  @Test
  void fields_without_raw_bytes_are_rebuilt_as_ad_structures() {
    BleAdvertisement fields =
        new BleAdvertisement(
            SENDER,
            -50,
            Optional.of("Hi"),
            Map.of(0x004C, new byte[] {7}),
            Map.of("0000180f-0000-1000-8000-00805f9b34fb", new byte[] {0x64}),
            List.of("1809"),
            OptionalInt.of(4),
            Optional.empty());

    assertThat(HEX.formatHex(fields.payload()))
        .isEqualTo("03030918" + "03094869" + "020a04" + "04160f1864" + "04ff4c0007");
  }
}
