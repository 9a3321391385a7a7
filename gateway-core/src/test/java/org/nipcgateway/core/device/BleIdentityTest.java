package org.nipcgateway.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleCredentials;

/**
 * Which advertisements are a device's: its address, its broadcast address, or one its IRK resolves.
 */
class BleIdentityTest {
  private static final byte[] IRK = HexFormat.of().parseHex("ec0234a357c8ad05341010a60a397d9b");
  private static final BleAddress OWN = BleAddress.parse("C0:FF:EE:00:00:99");
  private static final BleAddress PRIVATE = BleAddress.parse("70:81:94:0D:FB:AA");

  @Test
  void an_advertisement_from_a_private_address_is_the_devices_when_its_irk_resolves_it() {
    assertThat(identity(Optional.of(IRK)).sentFrom(PRIVATE)).isTrue();
    assertThat(identity(Optional.of(IRK)).sentFrom(OWN)).isTrue();
    assertThat(identity(Optional.of(IRK)).sentFrom(BleAddress.parse("70:81:94:0D:FB:AB")))
        .isFalse();
  }

  @Test
  void without_an_irk_a_private_address_is_someone_elses() {
    assertThat(identity(Optional.empty()).sentFrom(PRIVATE)).isFalse();
  }

  private static BleIdentity identity(Optional<byte[]> irk) {
    return new BleIdentity(
        OWN,
        List.of(),
        Set.of(BleBonding.NONE),
        new BleCredentials(OptionalInt.empty(), Optional.empty(), irk));
  }
}
