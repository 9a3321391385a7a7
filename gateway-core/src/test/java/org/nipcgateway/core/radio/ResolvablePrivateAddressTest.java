package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The random address hash against the Bluetooth Core specification's sample data. */
class ResolvablePrivateAddressTest {
  // Core Vol 3 Part H, Appendix D.7 (ah): IRK, prand and the hash it gives.
  private static final byte[] IRK = HexFormat.of().parseHex("ec0234a357c8ad05341010a60a397d9b");
  private static final BleAddress SAMPLE = BleAddress.parse("70:81:94:0D:FB:AA");

  @Test
  void ah_of_the_specifications_sample_prand_is_its_sample_hash() {
    assertThat(ResolvablePrivateAddress.ah(IRK, HexFormat.of().parseHex("708194")))
        .isEqualTo(HexFormat.of().parseHex("0dfbaa"));
  }

  @Test
  void an_address_made_with_the_irk_resolves_and_others_do_not() {
    assertThat(ResolvablePrivateAddress.resolves(IRK, SAMPLE)).isTrue();
    assertThat(ResolvablePrivateAddress.resolves(IRK, BleAddress.parse("70:81:94:0D:FB:AB")))
        .isFalse();
    byte[] otherIrk = IRK.clone();
    otherIrk[0] ^= 1;
    assertThat(ResolvablePrivateAddress.resolves(otherIrk, SAMPLE)).isFalse();
  }

  @Test
  void only_addresses_with_top_bits_01_are_resolvable() {
    assertThat(ResolvablePrivateAddress.isResolvable(SAMPLE)).isTrue();
    // a static random address (11) and a public-looking one (00) never resolve
    assertThat(ResolvablePrivateAddress.isResolvable(BleAddress.parse("C0:81:94:0D:FB:AA")))
        .isFalse();
    assertThat(ResolvablePrivateAddress.resolves(IRK, BleAddress.parse("30:81:94:0D:FB:AA")))
        .isFalse();
  }
}
