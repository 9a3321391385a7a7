package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Addresses spell and parse the same with the formatter-free code as they did with String.format.
 */
class HexAddressSpellingTest {
  @Test
  void ble_addresses_spell_upper_case_with_colons_and_leading_zeros() {
    assertThat(BleAddress.parse("0a-0b-0c-0d-0e-0f")).hasToString("0A:0B:0C:0D:0E:0F");
    assertThat(BleAddress.parse("2c549188c9e2")).hasToString("2C:54:91:88:C9:E2");
    assertThat(BleAddress.parse("FF:FF:FF:FF:FF:FF")).hasToString("FF:FF:FF:FF:FF:FF");
  }

  @Test
  void eui64_addresses_spell_all_eight_octets_even_with_the_top_bit_set() {
    assertThat(Eui64.parse("00:0d:6f:00:0a:0b:0c:01")).hasToString("00:0D:6F:00:0A:0B:0C:01");
    assertThat(Eui64.parse("FFEEDDCCBBAA9988")).hasToString("FF:EE:DD:CC:BB:AA:99:88");
  }

  @Test
  void mixed_separators_are_still_refused() {
    assertThatThrownBy(() -> BleAddress.parse("2C:54-91:88:C9:E2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
