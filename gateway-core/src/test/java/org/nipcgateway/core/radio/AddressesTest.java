package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Addresses have one canonical spelling, whatever spelling they came in. */
class AddressesTest {
  @Test
  void a_ble_address_in_any_spelling_is_the_same_device() {
    BleAddress colons = BleAddress.parse("2c:54:91:88:c9:e2");
    BleAddress dashes = BleAddress.parse("2C-54-91-88-C9-E2", BleAddress.Type.RANDOM);
    BleAddress bare = BleAddress.parse("2C549188C9E2");

    assertThat(colons).isEqualTo(dashes).isEqualTo(bare).hasSameHashCodeAs(bare);
    assertThat(colons.toString()).isEqualTo("2C:54:91:88:C9:E2");
    assertThat(dashes.type()).isEqualTo(BleAddress.Type.RANDOM);
    assertThat(colons.octets()).containsExactly(0x2C, 0x54, 0x91, 0x88, 0xC9, 0xE2);
  }

  @Test
  void a_malformed_ble_address_is_refused() {
    assertThatThrownBy(() -> BleAddress.parse("2C:54:91:88:C9"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BleAddress.parse("2C:54-91:88:C9:E2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_eui64_keeps_all_64_bits_and_orders_unsigned() {
    Eui64 high = Eui64.parse("ff:ff:ff:ff:ff:ff:ff:fe");
    Eui64 low = Eui64.parse("000D6F000A0B0C01");

    assertThat(high.toString()).isEqualTo("FF:FF:FF:FF:FF:FF:FF:FE");
    assertThat(low.toString()).isEqualTo("00:0D:6F:00:0A:0B:0C:01");
    assertThat(Eui64.of(low.bits())).isEqualTo(low);
    assertThat(high).isGreaterThan(low);
  }
}
