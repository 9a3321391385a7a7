package org.nipcgateway.core.radio;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a device's SCIM record holds for pairing, handed to the driver with each connection so that
 * drivers never read the store: the passkey a BlueZ {@code Agent1.RequestPasskey} answers with, the
 * out-of-band data, and the identity resolving key (IRK) that resolves the device's random private
 * addresses.
 */
public record BleCredentials(
    OptionalInt passkey, Optional<OutOfBand> outOfBand, Optional<byte[]> identityResolvingKey) {

  /** Out-of-band pairing data: the key, and the random and confirmation numbers when known. */
  public record OutOfBand(String key, OptionalLong randomNumber, OptionalLong confirmationNumber) {}

  public BleCredentials {
    identityResolvingKey = identityResolvingKey.map(byte[]::clone);
  }

  public static BleCredentials none() {
    return new BleCredentials(OptionalInt.empty(), Optional.empty(), Optional.empty());
  }

  /** Never the secrets themselves: records print in logs. */
  @Override
  public String toString() {
    return "BleCredentials[passkey="
        + (passkey.isPresent() ? "set" : "none")
        + ", outOfBand="
        + (outOfBand.isPresent() ? "set" : "none")
        + ", irk="
        + (identityResolvingKey.isPresent() ? "set" : "none")
        + "]";
  }
}
