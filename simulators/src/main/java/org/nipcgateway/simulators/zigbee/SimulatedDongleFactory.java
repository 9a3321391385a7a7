package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import java.util.Set;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/**
 * The simulated coordinator as a dongle of the zsmartsystems driver ({@code "dongle":
 * "simulated"}), with the nodes of {@code devices} in the fleet file format.
 */
public final class SimulatedDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "simulated";
  }

  @Override
  public Dongle configure(Settings settings) {
    SimulatedCoordinator coordinator = new SimulatedCoordinator();
    FleetNodes.load(coordinator, settings.sections("devices"));
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return coordinator;
      }

      @Override
      public String description() {
        return "simulated coordinator";
      }

      @Override
      public Set<Eui64> members() {
        return coordinator.joined();
      }
    };
  }
}
