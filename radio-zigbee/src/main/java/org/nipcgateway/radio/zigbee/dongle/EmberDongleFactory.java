package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.dongle.ember.ZigBeeDongleEzsp;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/**
 * Silicon Labs EmberZNet NCPs (EZSP: Sonoff ZBDongle-E, SkyConnect, ...) on a serial port ({@code
 * "dongle": "ember"}).
 */
public final class EmberDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "ember";
  }

  @Override
  public Dongle configure(Settings settings) {
    SerialDongleSettings serial = SerialDongleSettings.read(settings, 115200, "hardware");
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return new ZigBeeDongleEzsp(serial.open());
      }

      @Override
      public String description() {
        return "ember dongle on " + serial.port();
      }
    };
  }
}
