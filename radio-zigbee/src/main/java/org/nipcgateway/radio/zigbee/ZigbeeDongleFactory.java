package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;

/**
 * A kind of Zigbee dongle the driver can run on ({@code ember}, {@code znp}, ..., or the simulated
 * coordinator in {@code simulators}), found with {@link java.util.ServiceLoader} and chosen by
 * {@code radios.zigbee.dongle}.
 */
public interface ZigbeeDongleFactory {

  /** The name configuration uses. */
  String kind();

  /**
   * Reads the dongle's own settings (port, baud rate, ...) from the driver's section without
   * touching hardware, so that a misspelt key fails before anything opens; called on an event loop.
   */
  Dongle configure(Settings settings);

  /** A configured dongle, opened once on a worker thread. */
  interface Dongle {
    /** The stack's transport for the dongle; may block (opens a serial port). */
    ZigBeeTransportTransmit open();

    /** What the logs call it (kind and port), never a secret. */
    String description();

    /**
     * Nodes already paired with the dongle when it forms a new network, which it announces at
     * start; the driver's start waits for their discovery. None for real dongles.
     */
    default java.util.Set<org.nipcgateway.core.radio.Eui64> members() {
      return java.util.Set.of();
    }
  }
}
