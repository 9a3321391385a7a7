package org.nipcgateway.core.radio;

/**
 * A node joined the network, announced itself (after a power cycle or a rejoin), or left it. Nodes
 * are reported whether or not a SCIM device names them; the gateway decides what it knows.
 */
public record ZigbeeNodeEvent(Eui64 address, int networkAddress, Kind kind) {

  public enum Kind {
    JOINED,
    ANNOUNCED,
    LEFT
  }
}
