package org.nipcgateway.core.radio;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bluetooth UUIDs in the two spellings models use: 16-bit short forms ({@code 1809}) and 128-bit
 * UUIDs; a 128-bit UUID on the Bluetooth base ({@code 0000xxxx-0000-1000-8000-00805f9b34fb}) is the
 * same id as its short form.
 */
public final class BleUuids {
  private static final String BASE_SUFFIX = "-0000-1000-8000-00805F9B34FB";
  private static final Pattern ON_BASE =
      Pattern.compile("0000[0-9A-F]{4}" + Pattern.quote(BASE_SUFFIX));
  private static final Pattern SHORT = Pattern.compile("[0-9A-F]{4}");

  private BleUuids() {}

  /** The one spelling used for comparisons: upper case, short form when on the base. */
  public static String canonical(String uuid) {
    String upper = uuid.toUpperCase(Locale.ROOT);
    return ON_BASE.matcher(upper).matches() ? upper.substring(4, 8) : upper;
  }

  /** The full 128-bit spelling in lower case, as NIPC responses show ids. */
  public static String full(String uuid) {
    String canonical = canonical(uuid);
    return (SHORT.matcher(canonical).matches() ? "0000" + canonical + BASE_SUFFIX : canonical)
        .toLowerCase(Locale.ROOT);
  }
}
