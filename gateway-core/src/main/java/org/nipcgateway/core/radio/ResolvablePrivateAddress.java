package org.nipcgateway.core.radio;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resolvable private addresses (Bluetooth Core, Vol 6 Part B 1.3.2.2; Vol 3 Part H 2.2.2): a
 * peripheral that hides its identity advertises and connects from an address whose top 24 bits are
 * a random {@code prand} (most significant bits {@code 01}) and whose low 24 bits are {@code
 * ah(IRK, prand)}, the low 24 bits of AES-128 under the device's identity resolving key of {@code
 * prand} padded with zeros. Whoever knows the IRK (its SCIM record's {@code irk}) recognises the
 * device behind each new address. AES is the JDK's.
 */
public final class ResolvablePrivateAddress {
  private ResolvablePrivateAddress() {}

  /** Whether the address is a resolvable private one (its two top bits are {@code 01}). */
  public static boolean isResolvable(BleAddress address) {
    return (address.octets()[0] & 0xC0) == 0x40;
  }

  /** Whether the address is a resolvable private address of the device with this 16-byte IRK. */
  public static boolean resolves(byte[] irk, BleAddress address) {
    if (irk.length != 16 || !isResolvable(address)) {
      return false;
    }
    byte[] octets = address.octets();
    byte[] hash = ah(irk, Arrays.copyOfRange(octets, 0, 3));
    return Arrays.equals(hash, Arrays.copyOfRange(octets, 3, 6));
  }

  /** The random address hash: the low 24 bits of e(IRK, 0^104 || prand), most significant first. */
  static byte[] ah(byte[] irk, byte[] prand) {
    byte[] block = new byte[16];
    System.arraycopy(prand, 0, block, 13, 3);
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(irk, "AES"));
      byte[] encrypted = aes.doFinal(block);
      return Arrays.copyOfRange(encrypted, 13, 16);
    } catch (GeneralSecurityException e) {
      // AES/ECB/NoPadding is one of the ciphers every Java platform must offer.
      throw new IllegalStateException("AES-128 is not available", e);
    }
  }
}
