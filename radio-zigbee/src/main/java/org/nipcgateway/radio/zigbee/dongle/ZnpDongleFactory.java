package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.dongle.cc2531.ZigBeeDongleTiCc2531;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/** TI Z-Stack ZNP sticks (CC2531, CC2652) on a serial port ({@code "dongle": "znp"}). */
public final class ZnpDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "znp";
  }

  @Override
  public Dongle configure(Settings settings) {
    SerialDongleSettings serial = SerialDongleSettings.read(settings, 115200, "none");
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return new ZigBeeDongleTiCc2531(serial.open());
      }

      @Override
      public String description() {
        return "znp dongle on " + serial.port();
      }
    };
  }
}
