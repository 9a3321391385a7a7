package org.nipcgateway.it.support.radio;

/**
 * One combination of radio drivers the NIPC scenarios run over (a row of {@link RadioRows#all()}):
 * how to run a {@link World}'s devices for a gateway, and what the row offers besides. The
 * in-process simulator is one row; each driver issue adds its own (BlueZ on a private bus, the
 * Zigbee stack on a simulated coordinator).
 */
public interface RadioRow {

  /** A short name, shown in test names as {@code [name]}. */
  String name();

  /**
   * The driver the row runs for a family ({@code ble}, {@code zigbee}), as {@code /health} says.
   */
  String driver(String family);

  /**
   * Whether the gateway's fault-injecting decorator wraps the row's radios, so that {@code
   * /simulator/faults} and {@code /simulator/latency} work (see {@link Faults}).
   */
  boolean faultInjection();

  /**
   * Starts what must run beside the gateway for this world (nothing for the simulator; a bus and a
   * BlueZ look-alike for BlueZ) and says how the gateway reaches it. The caller closes it after the
   * gateway has stopped.
   */
  RadioBench start(World world);
}
