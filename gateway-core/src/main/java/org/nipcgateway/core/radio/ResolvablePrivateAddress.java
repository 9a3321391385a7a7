package org.nipcgateway.core.radio;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resolvable private addresses (Bluetooth Core, Vol 3, Part H, 2.2.2 and Vol 6, Part B, 1.3.2.2): a
 * device that hides its identity advertises from random addresses whose upper 24 bits are a random
 * part {@code prand} (top two bits {@code 01}) and whose lower 24 bits are {@code ah(IRK, prand)};
 * only a holder of the device's identity resolving key can tell that they are the device's. Keys
 * and addresses are most significant octet first, as the SCIM record writes them.
 */
public final class ResolvablePrivateAddress {
  private ResolvablePrivateAddress() {}

  /** Whether the address has the form of a resolvable private address (top bits {@code 01}). */
  public static boolean isResolvable(BleAddress address) {
    return (address.octets()[0] & 0xC0) == 0x40;
  }

  /** Whether the address is a resolvable private address generated with this key. */
  public static boolean resolves(byte[] irk, BleAddress address) {
    if (irk.length != 16 || !isResolvable(address)) {
      return false;
    }
    byte[] octets = address.octets();
    byte[] hash = ah(irk, Arrays.copyOfRange(octets, 0, 3));
    return MessageDigest.isEqual(hash, Arrays.copyOfRange(octets, 3, 6));
  }

  /** The address a device with this key advertises from for the given 24-bit random part. */
  public static BleAddress generate(byte[] irk, int random) {
    byte[] prand = {(byte) (((random >>> 16) & 0x3F) | 0x40), (byte) (random >>> 8), (byte) random};
    byte[] hash = ah(irk, prand);
    StringBuilder text = new StringBuilder();
    for (byte b : new byte[] {prand[0], prand[1], prand[2], hash[0], hash[1], hash[2]}) {
      text.append(text.isEmpty() ? "" : ":").append(String.format("%02X", b & 0xFF));
    }
    return BleAddress.parse(text.toString(), BleAddress.Type.RANDOM);
  }

  /** The random address hash function: the low 24 bits of AES-128(irk, 0^104 || prand). */
  static byte[] ah(byte[] irk, byte[] prand) {
    byte[] block = new byte[16];
    System.arraycopy(prand, 0, block, 13, 3);
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(irk, "AES"));
      return Arrays.copyOfRange(aes.doFinal(block), 13, 16);
    } catch (GeneralSecurityException e) {
      // AES-128 in ECB mode is required of every Java platform.
      throw new IllegalStateException("AES-128 is not available", e);
    }
  }
}
