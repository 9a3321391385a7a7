package org.nipcgateway.core.radio;

/**
 * The colon-separated, upper-case spelling both address types share ({@code 2C:54:91:…}), and its
 * reverse. Both run for every radio call (fault plans and logs name devices by address), so they
 * use no regular expression and no formatter.
 */
final class HexAddress {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private HexAddress() {}

  static String spell(long bits, int octets) {
    char[] out = new char[octets * 3 - 1];
    int at = 0;
    for (int i = octets - 1; i >= 0; i--) {
      int octet = (int) (bits >>> (8 * i)) & 0xFF;
      out[at++] = DIGITS[octet >>> 4];
      out[at++] = DIGITS[octet & 0xF];
      if (i > 0) {
        out[at++] = ':';
      }
    }
    return new String(out);
  }

  /** The hex digits of a spelling already checked against its pattern, separators left out. */
  static String digits(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ':' && c != '-') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
