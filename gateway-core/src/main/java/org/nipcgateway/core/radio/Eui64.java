package org.nipcgateway.core.radio;

import java.util.regex.Pattern;

/** A Zigbee node's IEEE (EUI-64) address, in one canonical spelling and comparable. */
public final class Eui64 implements Comparable<Eui64> {
  private static final Pattern SPELLING =
      Pattern.compile("[0-9A-Fa-f]{2}([:-]?)[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){6}");

  private final long bits;

  private Eui64(long bits) {
    this.bits = bits;
  }

  /**
   * Parses {@code 00:0D:6F:00:0A:0B:0C:01}, dashes instead of colons, or 16 hex digits; anything
   * else is an {@link IllegalArgumentException}.
   */
  public static Eui64 parse(String text) {
    if (text == null || !SPELLING.matcher(text).matches()) {
      throw new IllegalArgumentException("not an EUI-64 address: " + text);
    }
    return new Eui64(Long.parseUnsignedLong(HexAddress.digits(text), 16));
  }

  public static Eui64 of(long bits) {
    return new Eui64(bits);
  }

  /** The 64 bits, as stacks such as zsmartsystems' {@code IeeeAddress} take them. */
  public long bits() {
    return bits;
  }

  /** The canonical spelling, upper case with colons: {@code 00:0D:6F:00:0A:0B:0C:01}. */
  @Override
  public String toString() {
    return HexAddress.spell(bits, 8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Eui64 address && address.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public int compareTo(Eui64 other) {
    return Long.compareUnsigned(bits, other.bits);
  }
}
