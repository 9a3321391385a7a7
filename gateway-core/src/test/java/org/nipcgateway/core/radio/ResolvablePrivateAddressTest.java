package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ResolvablePrivateAddressTest {
  /** The sample data of the Bluetooth Core specification for the ah function. */
  private static final byte[] SPEC_IRK =
      HexFormat.of().parseHex("ec0234a357c8ad05341010a60a397d9b");

  @Test
  void ah_gives_the_core_specification_sample_hash() {
    byte[] hash = ResolvablePrivateAddress.ah(SPEC_IRK, HexFormat.of().parseHex("708194"));

    assertThat(HexFormat.of().formatHex(hash)).isEqualTo("0dfbaa");
  }

  @Test
  void the_sample_address_resolves_with_its_key_only() {
    BleAddress address = BleAddress.parse("70:81:94:0D:FB:AA", BleAddress.Type.RANDOM);
    byte[] other = SPEC_IRK.clone();
    other[15] ^= 1;

    assertThat(ResolvablePrivateAddress.resolves(SPEC_IRK, address)).isTrue();
    assertThat(ResolvablePrivateAddress.resolves(other, address)).isFalse();
  }

  @Test
  void generated_addresses_are_resolvable_and_resolve() {
    for (int random : new int[] {0, 0x123456, 0xFFFFFF}) {
      BleAddress address = ResolvablePrivateAddress.generate(SPEC_IRK, random);

      assertThat(ResolvablePrivateAddress.isResolvable(address)).as(address.toString()).isTrue();
      assertThat(ResolvablePrivateAddress.resolves(SPEC_IRK, address)).isTrue();
    }
  }

  @Test
  void public_looking_and_static_random_addresses_never_resolve() {
    assertThat(
            ResolvablePrivateAddress.resolves(
                SPEC_IRK, BleAddress.parse("30:81:94:0D:FB:AA", BleAddress.Type.PUBLIC)))
        .isFalse();
    assertThat(
            ResolvablePrivateAddress.resolves(
                SPEC_IRK, BleAddress.parse("F0:81:94:0D:FB:AA", BleAddress.Type.RANDOM)))
        .isFalse();
  }
}
