package org.nipcgateway.core.radio;

import java.util.Locale;

/** The colon-separated, upper-case spelling both address types share ({@code 2C:54:91:…}). */
final class HexAddress {
  private HexAddress() {}

  static String spell(long bits, int octets) {
    StringBuilder out = new StringBuilder(octets * 3 - 1);
    for (int i = octets - 1; i >= 0; i--) {
      out.append(String.format(Locale.ROOT, "%02X", (bits >>> (8 * i)) & 0xFF));
      if (i > 0) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
