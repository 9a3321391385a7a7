package org.nipcgateway.core.device;

import java.util.List;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.ResolvablePrivateAddress;

/**
 * How a device is reached over BLE, from its SCIM BLE extension: its address (and whether it is
 * random), the addresses it advertises from when they differ, the pairing methods it may be paired
 * with and the credentials for them.
 */
public record BleIdentity(
    BleAddress address,
    List<BleAddress> broadcastAddresses,
    Set<BleBonding> pairing,
    BleCredentials credentials) {

  public BleIdentity {
    broadcastAddresses = List.copyOf(broadcastAddresses);
    pairing = Set.copyOf(pairing);
  }

  /** A connection attempt with the device's own pairing methods. */
  public BleConnectRequest connectRequest() {
    return new BleConnectRequest(address, pairing, credentials);
  }

  /** A connection attempt with other permitted methods (a connection request's override). */
  public BleConnectRequest connectRequest(Set<BleBonding> permitted) {
    return new BleConnectRequest(address, permitted, credentials);
  }

  /**
   * Whether the address is the device's own, one it advertises from, or a resolvable private
   * address its IRK resolves.
   */
  public boolean sentFrom(BleAddress sender) {
    return address.equals(sender)
        || broadcastAddresses.contains(sender)
        || credentials
            .identityResolvingKey()
            .map(irk -> ResolvablePrivateAddress.resolves(irk, sender))
            .orElse(false);
  }
}
