package org.nipcgateway.core.radio;

import java.util.Set;

/**
 * One connection attempt: the peripheral, the pairing methods it may be paired with (the SCIM BLE
 * extension's {@code pairingMethods}, or what a connection request overrides) and the credentials
 * for them.
 */
public record BleConnectRequest(
    BleAddress address, Set<BleBonding> permitted, BleCredentials credentials) {
  public BleConnectRequest {
    permitted = Set.copyOf(permitted);
  }

  /** A connection that may not pair at all. */
  public static BleConnectRequest unpaired(BleAddress address) {
    return new BleConnectRequest(address, Set.of(BleBonding.NONE), BleCredentials.none());
  }
}
