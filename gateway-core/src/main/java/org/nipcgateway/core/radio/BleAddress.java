package org.nipcgateway.core.radio;

import java.util.regex.Pattern;

/**
 * A Bluetooth device address: 48 bits and whether the device uses its public address or a random
 * one (BlueZ's {@code Device1.AddressType}). Two addresses are the same device when their 48 bits
 * are equal: the type only tells a driver how to reach it, and SCIM records and radios may disagree
 * on it without meaning another device.
 */
public final class BleAddress implements Comparable<BleAddress> {
  private static final Pattern SPELLING =
      Pattern.compile("[0-9A-Fa-f]{2}([:-]?)[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}");

  /** Public (IEEE-assigned) or random (static or resolvable private) address. */
  public enum Type {
    PUBLIC,
    RANDOM
  }

  private final long bits;
  private final Type type;

  private BleAddress(long bits, Type type) {
    this.bits = bits;
    this.type = type;
  }

  /**
   * Parses {@code 2C:54:91:88:C9:E2}, {@code 2c-54-91-88-c9-e2} or {@code 2C549188C9E2}; anything
   * else is an {@link IllegalArgumentException}.
   */
  public static BleAddress parse(String text, Type type) {
    if (text == null || !SPELLING.matcher(text).matches()) {
      throw new IllegalArgumentException("not a Bluetooth address: " + text);
    }
    return new BleAddress(Long.parseLong(HexAddress.digits(text), 16), type);
  }

  public static BleAddress parse(String text) {
    return parse(text, Type.PUBLIC);
  }

  public Type type() {
    return type;
  }

  /** The same device reached with another address type. */
  public BleAddress withType(Type newType) {
    return new BleAddress(bits, newType);
  }

  /** The six octets, most significant first. */
  public byte[] octets() {
    byte[] octets = new byte[6];
    for (int i = 0; i < 6; i++) {
      octets[i] = (byte) (bits >>> (8 * (5 - i)));
    }
    return octets;
  }

  /** The canonical spelling, upper case with colons: {@code 2C:54:91:88:C9:E2}. */
  @Override
  public String toString() {
    return HexAddress.spell(bits, 6);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BleAddress address && address.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public int compareTo(BleAddress other) {
    return Long.compare(bits, other.bits);
  }
}
